import { calendarDate, type Modality, type PayerPolicy } from '../policy';
import type { BenefitCode, EligibilityBenefit, EligibilityResponse } from './eligibility-response';
import { estimatePatientResponsibility, type BenefitSource, type PatientEstimate } from './patient-estimate';
import { interpretRejectionReason, type EligibilityReasonCode, type RejectionCategory } from './rejection-reasons';
import { serviceTypeRank } from './service-types';

export type EligibilityOutcome = 'active' | 'inactive' | 'not-found' | 'mismatch' | 'payer-unavailable';

export interface EligibilityReason {
  code: EligibilityReasonCode;
  message: string;
}

export interface EligibilityExam {
  modality: Modality;
  /** YYYY-MM-DD or an ISO instant; only the calendar date is used. */
  dateOfService: string;
  /** The member id the inquiry was sent with; compared with the one the payer answered for. */
  memberId?: string;
  /** Whether the imaging center is in the plan's network (default true). */
  providerInNetwork?: boolean;
  /** The amount the payer is expected to allow for the exam (fee schedule), in cents. */
  expectedAllowedCents: number;
}

export interface CoverageWindow {
  from: string | null;
  to: string | null;
}

export interface EligibilityInterpretation {
  outcome: EligibilityOutcome;
  reasons: EligibilityReason[];
  coverageWindow: CoverageWindow | null;
  network: 'in' | 'out';
  /** Null when coverage could not be established (not found, mismatch, payer unavailable). */
  estimate: PatientEstimate | null;
}

const ACTIVE: readonly BenefitCode[] = ['1', '2', '3', '4', '5'];
const INACTIVE: readonly BenefitCode[] = ['6', '7', '8'];
const CATEGORY_ORDER: readonly RejectionCategory[] = ['payer-unavailable', 'not-found', 'mismatch'];

interface Ranked {
  benefit: EligibilityBenefit;
  key: number[];
}

function normalizedMemberId(id: string): string {
  return id.replace(/[\s-]/g, '').toUpperCase();
}

function withinDates(b: EligibilityBenefit, dos: string): boolean {
  return (b.validFrom === undefined || b.validFrom <= dos) && (b.validTo === undefined || b.validTo >= dos);
}

/** Benefits of the given codes that apply to this exam, best first. */
function applicable(
  benefits: readonly EligibilityBenefit[],
  codes: readonly BenefitCode[],
  exam: EligibilityExam,
  dos: string,
  opts: { network: boolean },
): EligibilityBenefit[] {
  const inNetwork = exam.providerInNetwork !== false;
  const ranked: Ranked[] = [];
  for (const b of benefits) {
    if (!codes.includes(b.code) || !withinDates(b, dos)) continue;
    const rank = serviceTypeRank(b.serviceTypeCodes, exam.modality);
    if (rank === undefined) continue;
    let networkScore = 0;
    if (opts.network) {
      const wanted = inNetwork ? 'Y' : 'N';
      const other = inNetwork ? 'N' : 'Y';
      if (b.inNetwork === other) continue;
      networkScore = b.inNetwork === wanted ? 0 : b.inNetwork === 'U' ? 2 : 1;
    }
    const level = b.coverageLevel === 'IND' ? 0 : b.coverageLevel === undefined ? 1 : b.coverageLevel === 'FAM' ? 2 : 3;
    const period = b.timePeriod === '29' ? 0 : 1;
    ranked.push({ benefit: b, key: [rank, period, networkScore, level] });
  }
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return ranked.map((r) => r.benefit);
}

function coverageWindowOf(response: EligibilityResponse, status: EligibilityBenefit | undefined): CoverageWindow {
  return {
    from: response.eligibilityBegin ?? response.planBegin ?? status?.validFrom ?? null,
    to: response.eligibilityEnd ?? response.planEnd ?? status?.validTo ?? null,
  };
}

/**
 * Reads a 271 for one exam: is the patient covered for this modality on this date of service,
 * why not, and what will the patient likely owe for `expectedAllowedCents`.
 * `defaults` (the payer's patient-share defaults) fill benefits the 271 leaves out.
 */
export function interpretEligibility(
  response: EligibilityResponse,
  exam: EligibilityExam,
  defaults?: PayerPolicy['patientShareDefaults'],
): EligibilityInterpretation {
  const network = exam.providerInNetwork === false ? 'out' : 'in';
  const dos = calendarDate(exam.dateOfService);

  if (response.rejections.length > 0) {
    const meanings = response.rejections.map((r) => interpretRejectionReason(r.reasonCode));
    const category = CATEGORY_ORDER.find((c) => meanings.some((m) => m.category === c)) ?? 'mismatch';
    const reasons = meanings
      .filter((m, i) => meanings.findIndex((o) => o.reason === m.reason) === i)
      .map((m) => ({ code: m.reason, message: m.message }));
    return { outcome: category, reasons, coverageWindow: null, network, estimate: null };
  }

  if (
    exam.memberId !== undefined &&
    response.subscriberMemberId !== undefined &&
    normalizedMemberId(exam.memberId) !== normalizedMemberId(response.subscriberMemberId)
  ) {
    return {
      outcome: 'mismatch',
      reasons: [{ code: 'member-id-differs', message: 'the payer answered for a different member id; update the coverage' }],
      coverageWindow: coverageWindowOf(response, undefined),
      network,
      estimate: null,
    };
  }

  const reasons: EligibilityReason[] = [];
  const statuses = applicable(response.benefits, [...ACTIVE, ...INACTIVE, 'I'], exam, dos, { network: false });
  const best = statuses[0];
  const bestRank = best ? serviceTypeRank(best.serviceTypeCodes, exam.modality) : undefined;
  const tied = statuses.filter((b) => serviceTypeRank(b.serviceTypeCodes, exam.modality) === bestRank);
  const window = coverageWindowOf(response, tied.find((b) => ACTIVE.includes(b.code)));
  const inactive = (code: EligibilityReasonCode, message: string): EligibilityInterpretation => ({
    outcome: 'inactive',
    reasons: [...reasons, { code, message }],
    coverageWindow: window,
    network,
    estimate: estimatePatientResponsibility({ allowedCents: exam.expectedAllowedCents }),
  });

  if (!best) return inactive('no-coverage-information', 'the 271 reports no coverage for this service');
  if (tied.some((b) => INACTIVE.includes(b.code))) return inactive('coverage-inactive', 'coverage is inactive');
  if (tied.some((b) => b.code === 'I')) return inactive('service-not-covered', 'the plan does not cover this imaging service');
  if ((window.from !== null && dos < window.from) || (window.to !== null && dos > window.to)) {
    return inactive('dos-outside-coverage', 'the date of service is outside the coverage dates');
  }
  if (tied.every((b) => b.code === '5')) {
    reasons.push({ code: 'coverage-pending-investigation', message: 'coverage is active pending investigation by the payer' });
  }
  if (network === 'out') reasons.push({ code: 'out-of-network', message: 'the center is out of network for this plan' });
  if (response.benefits.some((b) => b.code === 'R')) {
    reasons.push({ code: 'other-payer-on-file', message: 'the payer reports another coverage; check coordination of benefits' });
  }
  if (applicable(response.benefits, [...ACTIVE, 'A', 'B', 'C'], exam, dos, { network: true }).some((b) => b.authorizationRequired === 'Y')) {
    reasons.push({ code: 'authorization-indicated', message: 'the payer indicates an authorization is required for this service' });
  }

  const pick = (code: BenefitCode): EligibilityBenefit | undefined => applicable(response.benefits, [code], exam, dos, { network: true })[0];
  const sources: Partial<Record<'deductible' | 'coinsurance' | 'copay' | 'outOfPocket', BenefitSource>> = {};
  const deductible = pick('C');
  const coinsurance = pick('A');
  const copay = pick('B');
  const oop = pick('G');
  const valueOr = <T>(key: keyof typeof sources, value: T | undefined, fallback: T): T => {
    if (value !== undefined) {
      sources[key] = '271';
      return value;
    }
    sources[key] = 'payer-default';
    return fallback;
  };
  const estimate = estimatePatientResponsibility({
    allowedCents: exam.expectedAllowedCents,
    coverage: {
      deductibleRemainingCents: valueOr('deductible', deductible?.amountCents, defaults?.deductibleCents ?? 0),
      coinsurancePercent: valueOr('coinsurance', coinsurance?.percent, defaults?.coinsurancePercent ?? 0),
      copayCents: valueOr('copay', copay?.amountCents, coinsurance?.percent !== undefined ? 0 : defaults?.copayCents ?? 0),
      outOfPocketRemainingCents: oop?.amountCents,
      sources,
    },
  });
  return { outcome: 'active', reasons, coverageWindow: window, network, estimate };
}
