import { build278Response, parse278Request, type ReviewDecision278, type UmRequest278, type UmResponse278 } from '../x12';
import type { SandboxClock } from './respond-to-claims';
import { answerEnvelope } from './sandbox-envelope';
import { isAdvancedImagingCpt, sandboxScenario } from './scenario';

function decide(req: UmRequest278): { decision: ReviewDecision278; authorizationNumber?: string } {
  const scenario = sandboxScenario(req.subscriber.memberId);
  const advanced = req.services.some((s) => isAdvancedImagingCpt(s.procedure.code));
  if (scenario.kind === 'prior-auth-deny' && advanced) return { decision: { action: 'A3' } };
  if (scenario.kind === 'prior-auth-approve') {
    // Deterministic: the same request gets the same number; another request (BHT03) another one.
    const date = (req.eventDate ?? req.services[0]?.serviceDate ?? '').replace(/-/g, '');
    const authorizationNumber = `SBX${date}${req.reference.replace(/[^A-Za-z0-9]/g, '')}${req.services.map((s) => s.procedure.code).join('')}`.slice(0, 30);
    return { decision: { action: 'A1', certificationNumber: authorizationNumber }, authorizationNumber };
  }
  // Other members' advanced imaging goes to clinical review: pended, decided outside the exchange.
  if (advanced) return { decision: { action: 'A4' } };
  return { decision: { action: 'NA' } };
}

/**
 * The sandbox payer's 278 response: PAREQ members are certified (A1) with an authorization number
 * for the requested event period and units, PADENY members are not certified (A3) for advanced
 * imaging; other members' advanced imaging is pended (A4: staff obtain the decision) and anything
 * else needs no action (NA). Null when the input is not a 278 request.
 */
export function answerPriorAuthorization(x12: string, clock: SandboxClock): string | null {
  let parsed: ReturnType<typeof parse278Request>;
  try {
    parsed = parse278Request(x12);
  } catch {
    return null;
  }
  const responses: UmResponse278[] = parsed.transactions.map((req, i) => {
    const { decision, authorizationNumber } = decide(req);
    return {
      controlNumber: String(i + 1).padStart(4, '0'),
      reference: req.reference,
      createdDate: clock.date,
      createdTime: clock.time,
      umo: { ...req.umo, rejections: [] },
      requester: { ...req.requester, rejections: [] },
      subscriber: { ...req.subscriber, rejections: [] },
      ...(req.dependent ? { dependent: { ...req.dependent, rejections: [] } } : {}),
      traces: [{ type: '2', ...req.trace }],
      rejections: [],
      requestCategory: req.requestCategory,
      certificationType: req.certificationType,
      ...(req.serviceType ? { serviceType: req.serviceType } : {}),
      ...(req.facilityCode ? { facilityCode: req.facilityCode } : {}),
      decision,
      ...(authorizationNumber ? { authorizationNumber } : {}),
      ...(req.eventDate ? { eventDate: req.eventDate } : {}),
      ...(req.eventDateEnd ? { eventDateEnd: req.eventDateEnd } : {}),
      diagnoses: req.diagnoses,
      ...(req.serviceProvider ? { serviceProvider: req.serviceProvider } : {}),
      services: req.services.map((s) => ({ ...s, traces: [], rejections: [] })),
    };
  });
  return build278Response(answerEnvelope(parsed.envelopes[0]?.interchange, clock), responses);
}
