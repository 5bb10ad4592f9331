import { seedPayerPolicyByX12Id } from '../policy';

/** What a member pays under the sandbox plan: coinsurance of the allowed amount and a per-claim copay. */
export interface PlanShare {
  payerName: string;
  coinsurancePercent: number;
  copayCents: number;
}

const DEFAULT_SHARE: PlanShare = { payerName: 'SANDBOX PAYER', coinsurancePercent: 20, copayCents: 0 };

/**
 * The plan behind an X12 payer id: the seed payer's patient-share defaults (Medicare Part B 20 %
 * coinsurance, the Medicare Advantage copay...). The sandbox assumes the deductible has been met.
 */
export function planShareFor(x12PayerId: string): PlanShare {
  const policy = seedPayerPolicyByX12Id(x12PayerId);
  if (!policy) return DEFAULT_SHARE;
  return {
    payerName: policy.name.toUpperCase().slice(0, 60),
    coinsurancePercent: policy.patientShareDefaults.coinsurancePercent,
    copayCents: policy.patientShareDefaults.copayCents,
  };
}

/** percent of cents, rounded half up to the cent (integer math). */
export function percentOfCents(cents: number, percent: number): number {
  return Math.floor((cents * Math.round(percent * 100) + 5000) / 10000);
}
