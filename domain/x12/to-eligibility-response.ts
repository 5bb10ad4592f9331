import {
  BenefitCodeSchema, type EligibilityBenefit, type EligibilityRejection, type EligibilityResponse,
} from '../eligibility/eligibility-response';
import { shiftDecimal } from './decimal-text';
import type { Benefit271, EligibilityAnswer271, EligibilityDate271, EligibilityRejection271, EligibilityResponse271 } from './model-271';

const BEGIN = ['346', '348', '356'];
const END = ['347', '349', '357'];
const PERIOD = ['291', '292', '307', '290'];
const FOLLOW_UP = ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y'] as const;

function rejection(loop: EligibilityRejection['loop'], r: EligibilityRejection271): EligibilityRejection | undefined {
  if (!/^[0-9A-Z]{2}$/.test(r.reasonCode)) return undefined;
  const out: EligibilityRejection = { loop, reasonCode: r.reasonCode };
  const action = FOLLOW_UP.find((a) => a === r.followUpAction);
  if (action) out.followUpAction = action;
  return out;
}

/** Begin and end from DTP segments: 346/348/356 begin, 347/349/357 end, 291/292/307 a period. */
function window(dates: readonly EligibilityDate271[]): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const d of dates) {
    if (BEGIN.includes(d.qualifier)) out.from ??= d.from;
    else if (END.includes(d.qualifier)) out.to ??= d.to ?? d.from;
  }
  for (const d of dates) {
    if (!PERIOD.includes(d.qualifier)) continue;
    out.from ??= d.from;
    if (d.to) out.to ??= d.to;
  }
  return out;
}

/** EB08 fraction ("0.2") to a percent (20), exactly by moving the decimal point. */
function percentOf(fraction: string | undefined): number | undefined {
  if (fraction === undefined) return undefined;
  const shifted = shiftDecimal(fraction, 2);
  if (shifted === undefined) return undefined;
  const value = Number(shifted);
  return value >= 0 && value <= 100 ? value : undefined;
}

function benefit(b: Benefit271): EligibilityBenefit | undefined {
  const code = BenefitCodeSchema.safeParse(b.code);
  if (!code.success) return undefined;
  const out: EligibilityBenefit = { code: code.data, serviceTypeCodes: b.serviceTypeCodes.filter((c) => /^[0-9A-Z]{1,2}$/.test(c)) };
  if (b.coverageLevel && b.coverageLevel.length >= 2 && b.coverageLevel.length <= 3) out.coverageLevel = b.coverageLevel;
  if (b.insuranceType && b.insuranceType.length <= 3) out.insuranceType = b.insuranceType;
  if (b.planDescription) out.planDescription = b.planDescription.slice(0, 80);
  if (b.timePeriod && /^\d{1,2}$/.test(b.timePeriod)) out.timePeriod = b.timePeriod;
  if (b.amountCents !== undefined && b.amountCents >= 0) out.amountCents = b.amountCents;
  const percent = percentOf(b.percent);
  if (percent !== undefined) out.percent = percent;
  if (b.authorizationRequired) out.authorizationRequired = b.authorizationRequired;
  if (b.inNetwork) out.inNetwork = b.inNetwork;
  const w = window(b.dates);
  if (w.from) out.validFrom = w.from;
  if (w.to) out.validTo = w.to;
  return out;
}

function findAnswer(tx: EligibilityResponse271, traceNumber: string | undefined): EligibilityAnswer271 | undefined {
  if (traceNumber !== undefined) {
    const match = tx.answers.find((a) => a.traces.some((t) => t.type === '2' && t.number === traceNumber));
    if (match) return match;
  }
  return tx.answers[0];
}

/**
 * What the engine keeps of a parsed 271 (domain/eligibility's EligibilityResponse): the answer
 * for our trace number (TRN*2 echo; else the first answer), rejections of every level, plan and
 * eligibility dates, and the EB loops the eligibility rules understand (others are left out).
 */
export function toEligibilityResponse(tx: EligibilityResponse271, traceNumber?: string): EligibilityResponse {
  const answer = findAnswer(tx, traceNumber);
  const rejections: EligibilityRejection[] = [];
  const add = (loop: EligibilityRejection['loop'], list: readonly EligibilityRejection271[]) => {
    for (const r of list) {
      const x = rejection(loop, r);
      if (x) rejections.push(x);
    }
  };
  add('source', tx.source.rejections);
  add('receiver', tx.receiver.rejections);
  const out: EligibilityResponse = { payerId: tx.source.payerId || tx.source.name || 'UNKNOWN', rejections, benefits: [] };
  if (!answer) {
    if (traceNumber !== undefined) out.traceNumber = traceNumber.slice(0, 50);
    return out;
  }
  const echoed = answer.traces.find((t) => t.type === '2') ?? answer.traces[0];
  const trace = echoed?.number ?? traceNumber;
  if (trace) out.traceNumber = trace.slice(0, 50);
  add('subscriber', answer.subscriber.rejections);
  if (answer.dependent) add('dependent', answer.dependent.rejections);
  const benefitLoop = answer.dependent ? 'dependent' : 'subscriber';
  for (const b of answer.benefits) add(benefitLoop, b.rejections);
  if (answer.subscriber.memberId) out.subscriberMemberId = answer.subscriber.memberId.slice(0, 80);
  const patientDates = [...(answer.dependent?.dates ?? []), ...answer.subscriber.dates];
  const pick = (qualifier: string, end: boolean) => {
    const d = patientDates.find((x) => x.qualifier === qualifier);
    return d ? (end ? d.to ?? d.from : d.from) : undefined;
  };
  const plan = patientDates.find((x) => x.qualifier === '291');
  const planBegin = pick('346', false) ?? plan?.from;
  const planEnd = pick('347', true) ?? plan?.to;
  const eligibilityBegin = pick('356', false) ?? patientDates.find((x) => x.qualifier === '307')?.from;
  const eligibilityEnd = pick('357', true) ?? patientDates.find((x) => x.qualifier === '307')?.to;
  if (planBegin) out.planBegin = planBegin;
  if (planEnd) out.planEnd = planEnd;
  if (eligibilityBegin) out.eligibilityBegin = eligibilityBegin;
  if (eligibilityEnd) out.eligibilityEnd = eligibilityEnd;
  for (const b of answer.benefits) {
    const mapped = benefit(b);
    if (mapped) out.benefits.push(mapped);
  }
  return out;
}
