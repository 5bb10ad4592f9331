import {
  build277, parse276,
  type ClaimStatus277, type ClaimStatusInquiry276, type ClaimStatusResponse277, type StatusCode277,
} from '../x12';
import type { SandboxClock } from './respond-to-claims';
import { answerEnvelope } from './sandbox-envelope';
import { sandboxScenario } from './scenario';

/**
 * The claim status (category:code) the sandbox payer reports for a claim it has received, by the
 * member's scenario: NORESP claims stay "pending / in process" (P1:20, the payer never adjudicates
 * them), REJECT claims were returned as unprocessable (A3:21 missing or invalid information), DENY
 * claims are finalized as denied (F2:1, see the remittance advice), everything else finalized and
 * paid (F1:65).
 */
export function sandboxClaimStatus(memberId: string): StatusCode277 {
  const scenario = sandboxScenario(memberId);
  switch (scenario.kind) {
    case 'no-response':
      return { category: 'P1', code: '20' };
    case 'reject':
      return { category: 'A3', code: '21' };
    case 'deny':
      return { category: 'F2', code: '1' };
    default:
      return { category: 'F1', code: '65' };
  }
}

/** "Claim/encounter not found" (A4:35): the payer has no record of the claim. */
export const SANDBOX_CLAIM_NOT_FOUND: StatusCode277 = { category: 'A4', code: '35' };

function statusOf(q: ClaimStatusInquiry276, received: ReadonlySet<string>, clock: SandboxClock): ClaimStatus277 {
  const code = received.has(q.claimId) ? sandboxClaimStatus(q.subscriber.memberId) : SANDBOX_CLAIM_NOT_FOUND;
  const known = code !== SANDBOX_CLAIM_NOT_FOUND;
  return {
    provider: q.provider,
    subscriber: { name: q.subscriber.name, memberId: q.subscriber.memberId },
    ...(q.dependent ? { dependent: { name: q.dependent.name } } : {}),
    traceNumber: q.traceNumber,
    statuses: [{ codes: [code], date: clock.date, ...(known ? { chargeCents: q.chargeCents } : {}) }],
    claimId: q.claimId,
    ...(q.payerClaimControlNumber ? { payerClaimControlNumber: q.payerClaimControlNumber } : {}),
    serviceDate: q.serviceDate,
    ...(q.serviceDateEnd ? { serviceDateEnd: q.serviceDateEnd } : {}),
    lines: [],
  };
}

/**
 * The sandbox payer's 277 for a 276: each claim asked about is answered with its status (see
 * sandboxClaimStatus), or "not found" (A4:35) when the payer never received it. `received` holds
 * the claim ids (CLM01) the payer has on file. Deterministic: the same inquiry on the same day gets
 * the same answer. Null when the input is not a readable 276.
 */
export function answerClaimStatus(x12: string, clock: SandboxClock, received: ReadonlySet<string>): string | null {
  let parsed: ReturnType<typeof parse276>;
  try {
    parsed = parse276(x12);
  } catch {
    return null;
  }
  if (parsed.transactions.length === 0) return null;
  const responses: ClaimStatusResponse277[] = parsed.transactions.map((tx, i) => ({
    controlNumber: String(i + 1).padStart(4, '0'),
    reference: tx.reference,
    createdDate: clock.date,
    createdTime: clock.time,
    payer: tx.payer,
    receiver: tx.receiver,
    claims: tx.claims.map((q) => statusOf(q, received, clock)),
  }));
  return build277(answerEnvelope(parsed.envelopes[0]?.interchange, clock), responses);
}
