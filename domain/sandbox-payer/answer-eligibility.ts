import {
  build271, parse270,
  type Benefit271, type EligibilityAnswer271, type EligibilityInquiry270, type EligibilityResponse271,
} from '../x12';
import { planShareFor } from './plan-share';
import type { SandboxClock } from './respond-to-claims';
import { answerEnvelope } from './sandbox-envelope';
import { sandboxScenario } from './scenario';

const benefit = (b: Partial<Benefit271> & { code: string; serviceTypeCodes: string[] }): Benefit271 => ({
  references: [], dates: [], rejections: [], messages: [], relatedEntities: [], ...b,
});

function answer(q: EligibilityInquiry270, payerId: string): EligibilityAnswer271 {
  const scenario = sandboxScenario(q.subscriber.memberId);
  const types = q.serviceTypeCodes.length > 0 ? q.serviceTypeCodes : ['30'];
  const share = planShareFor(payerId);
  const benefits: Benefit271[] = [];
  if (scenario.kind === 'inactive') {
    benefits.push(benefit({ code: '6', serviceTypeCodes: types }));
  } else {
    benefits.push(benefit({ code: '1', coverageLevel: 'IND', serviceTypeCodes: types }));
    // The sandbox adjudicates as if the deductible were met: the 271 says so (EB*C, remaining 0).
    benefits.push(benefit({ code: 'C', coverageLevel: 'IND', serviceTypeCodes: ['30'], timePeriod: '29', amountCents: 0, inNetwork: 'Y' }));
    if (share.coinsurancePercent > 0) {
      benefits.push(benefit({ code: 'A', coverageLevel: 'IND', serviceTypeCodes: ['30'], timePeriod: '27', percent: String(share.coinsurancePercent / 100), inNetwork: 'Y' }));
    }
    if (share.copayCents > 0) {
      benefits.push(benefit({ code: 'B', coverageLevel: 'IND', serviceTypeCodes: ['30'], timePeriod: '27', amountCents: share.copayCents, inNetwork: 'Y' }));
    }
    if (scenario.kind === 'prior-auth-approve' || scenario.kind === 'prior-auth-deny') {
      benefits.push(benefit({ code: '1', serviceTypeCodes: ['62'], authorizationRequired: 'Y', messages: ['PRIOR AUTHORIZATION REQUIRED FOR ADVANCED IMAGING'] }));
    }
  }
  return {
    traces: [{ type: '2', ...q.trace }],
    subscriber: {
      name: q.subscriber.name,
      memberId: q.subscriber.memberId,
      ...(q.subscriber.birthDate ? { birthDate: q.subscriber.birthDate } : {}),
      ...(q.subscriber.gender ? { gender: q.subscriber.gender } : {}),
      references: [],
      dates: [{ qualifier: '291', from: q.serviceDate }],
      rejections: [],
    },
    benefits,
  };
}

/**
 * The sandbox payer's 271 for a 270: active coverage with the plan's coinsurance/copay and the
 * deductible met (the sandbox adjudicates claims that way), inactive for
 * INACTIVE members, and "authorization required" for advanced imaging for PAREQ/PADENY members.
 * Returns null when the input is not a readable 270 (a real payer would send a 999 rejection).
 */
export function answerEligibility(x12: string, clock: SandboxClock): string | null {
  let parsed: ReturnType<typeof parse270>;
  try {
    parsed = parse270(x12);
  } catch {
    return null;
  }
  const responses: EligibilityResponse271[] = parsed.transactions.map((tx, i) => ({
    controlNumber: String(i + 1).padStart(4, '0'),
    reference: tx.reference,
    createdDate: clock.date,
    createdTime: clock.time,
    source: { ...tx.source, rejections: [] },
    receiver: { ...tx.receiver, rejections: [] },
    answers: tx.inquiries.map((q) => answer(q, tx.source.payerId)),
  }));
  return build271(answerEnvelope(parsed.envelopes[0]?.interchange, clock), responses);
}
