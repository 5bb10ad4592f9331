import { DEFAULT_GLOBAL_CONFIG } from './default-global-config';
import { buildPayerPolicy, type PayerPolicyInput } from './global-config';
import type { PayerPolicy } from './payer-policy';

/**
 * The six payers a fresh install starts with. X12 payer ids other than Medicare's are sandbox
 * placeholders; real ones come from the clearinghouse's payer list.
 */
export const SEED_PAYER_INPUTS: readonly PayerPolicyInput[] = [
  {
    id: 'medicare-b',
    name: 'Medicare Part B',
    payerType: 'medicare',
    // Medicare Part B for Illinois (the MAC's published payer id for jurisdiction 6).
    x12PayerId: '06102',
    claimFilingIndicatorCode: 'MB',
    // Hospital outpatient (837I) claims go to the Part A side of the same MAC (NGS jurisdiction 6, Illinois), filed as MA.
    institutional: { x12PayerId: '06001', claimFilingIndicatorCode: 'MA', name: 'Medicare Part A' },
    // 42 CFR 424.44: one calendar year from the date of service.
    timelyFiling: { days: 365, riskWarningDays: 45, basis: 'one-calendar-year' },
    // Part B takes no frequency 7 or 8 on an 837P: corrections and cancellations are reopening requests.
    claimChanges: { void: 'reopening-request', correction: 'reopening-request' },
    // Original Medicare has no prior authorization for outpatient diagnostic imaging.
    priorAuth: { requiredModalities: [], requiredCpts: [], exemptCpts: [] },
    // 42 CFR 405 subpart I: written requests, each counted from the decision it appeals (the 835 of the initial
    // determination for level 1). Redetermination by the MAC 120 days (CMS-20027), reconsideration by the QIC 180
    // (CMS-20033), ALJ 60 (OMHA-100) when the amount in controversy is at least the year's figure, Council 60
    // (DAB-101), federal court 60. CY 2026 amounts in controversy (CMS-4209-N, 90 FR 55869): $200 ALJ, $1,960 court.
    // Clerical errors are reopened rather than appealed: within one year of the initial determination (405.980).
    appeals: {
      levels: [
        { level: 1, name: 'redetermination', filingWindowDays: 120, vehicle: 'redetermination-request', form: 'CMS-20027' },
        { level: 2, name: 'reconsideration', filingWindowDays: 180, vehicle: 'reconsideration-request', form: 'CMS-20033' },
        { level: 3, name: 'administrative law judge hearing', filingWindowDays: 60, vehicle: 'alj-hearing-request', form: 'OMHA-100', minimumAmountInControversyCents: 20_000 },
        { level: 4, name: 'appeals council review', filingWindowDays: 60, vehicle: 'appeals-council-request', form: 'DAB-101' },
        { level: 5, name: 'judicial review', filingWindowDays: 60, vehicle: 'judicial-review-request', minimumAmountInControversyCents: 196_000 },
      ],
      warningDaysBefore: 21,
      reopening: { name: 'reopening', vehicle: 'reopening-request', filingWindowDays: 365 },
    },
    // Medicare pays electronic clean claims no sooner than 14 days: status at 30 is meaningful.
    followUp: { firstStatusInquiryDays: 30, repeatEveryDays: 15 },
    // 2026 Part B annual deductible, then 20 % coinsurance.
    patientShareDefaults: { deductibleCents: 28_300, coinsurancePercent: 20, copayCents: 0 },
    patientStatements: { cycleDays: 30, collectionsReviewAfterDays: 90, smallBalanceWriteOffCents: 500 },
  },
  {
    id: 'medicare-advantage',
    name: 'Medicare Advantage plan',
    payerType: 'medicare-advantage',
    x12PayerId: 'SBXMA01',
    claimFilingIndicatorCode: '16',
    // Contracted MA plans commonly allow 180 days; non-contracted follow Medicare's year.
    timelyFiling: { days: 180, riskWarningDays: 30 },
    // MA plans manage advanced imaging (CT, MR, PET, NM) through prior authorization.
    priorAuth: { requiredModalities: ['CT', 'MR', 'PET', 'NM'], matchWithinFamily: false },
    // Plan reconsideration within 65 days of the notice (a written request to the plan), then the independent
    // review entity, then an ALJ hearing under Medicare's amount in controversy.
    appeals: {
      levels: [
        { level: 1, name: 'plan reconsideration', filingWindowDays: 65, vehicle: 'appeal-letter' },
        { level: 2, name: 'independent review entity', filingWindowDays: 60, vehicle: 'appeal-letter' },
        { level: 3, name: 'administrative law judge hearing', filingWindowDays: 60, vehicle: 'alj-hearing-request', form: 'OMHA-100', minimumAmountInControversyCents: 20_000 },
      ],
      warningDaysBefore: 14,
    },
    // Typical MA imaging benefit: a flat copay per advanced study.
    patientShareDefaults: { deductibleCents: 0, coinsurancePercent: 0, copayCents: 5_000 },
  },
  {
    id: 'medicaid',
    name: 'State Medicaid',
    payerType: 'medicaid',
    x12PayerId: 'SBXMCD1',
    claimFilingIndicatorCode: 'MC',
    // Most state programs allow 180 days from the date of service (some 365).
    timelyFiling: { days: 180, riskWarningDays: 30 },
    // States manage CT, MR and PET through a radiology benefit manager; nuclear cardiology too.
    priorAuth: { requiredModalities: ['CT', 'MR', 'PET', 'NM'], matchWithinFamily: true },
    appeals: {
      levels: [
        { level: 1, name: 'provider reconsideration', filingWindowDays: 90, vehicle: 'appeal-letter' },
        { level: 2, name: 'state fair hearing', filingWindowDays: 120, vehicle: 'appeal-letter' },
      ],
      warningDaysBefore: 14,
    },
    // Medicaid cost sharing is nominal; imaging is usually free to the member.
    patientShareDefaults: { deductibleCents: 0, coinsurancePercent: 0, copayCents: 0 },
    // Slower adjudication: follow up after 45 days.
    followUp: { firstStatusInquiryDays: 45, repeatEveryDays: 15 },
  },
  {
    id: 'commercial-a',
    name: 'Commercial plan A (PPO)',
    payerType: 'commercial',
    x12PayerId: 'SBXCOMA',
    claimFilingIndicatorCode: 'CI',
    // A tight contract: 90 days from the date of service.
    timelyFiling: { days: 90, riskWarningDays: 20 },
    priorAuth: { requiredModalities: ['CT', 'MR', 'PET', 'NM'], matchWithinFamily: false },
    reportSignature: { reminderHours: [24, 72], escalateDaysBeforeFilingDeadline: 30 },
    appeals: {
      levels: [
        { level: 1, name: 'first-level appeal', filingWindowDays: 180, vehicle: 'appeal-letter' },
        { level: 2, name: 'second-level appeal', filingWindowDays: 60, vehicle: 'appeal-letter' },
      ],
      warningDaysBefore: 14,
    },
    patientShareDefaults: { deductibleCents: 150_000, coinsurancePercent: 20, copayCents: 0 },
  },
  {
    id: 'commercial-b',
    name: 'Commercial plan B (HMO)',
    payerType: 'commercial',
    x12PayerId: 'SBXCOMB',
    claimFilingIndicatorCode: 'HM',
    timelyFiling: { days: 180, riskWarningDays: 30 },
    // Its benefit manager reviews MR, PET and NM and a list of CT codes; contrast variants of an
    // authorized study are accepted within the family.
    priorAuth: {
      requiredModalities: ['MR', 'PET', 'NM'],
      requiredCpts: [{ from: '70450', to: '70498' }, { from: '71250', to: '71275' }, { from: '72125', to: '72133' }, { from: '74150', to: '74178' }],
      matchWithinFamily: true,
    },
    // Pays slowly: first status check after 45 days.
    followUp: { firstStatusInquiryDays: 45, repeatEveryDays: 15 },
    appeals: {
      levels: [
        { level: 1, name: 'internal appeal', filingWindowDays: 90, vehicle: 'appeal-letter' },
        { level: 2, name: 'second internal appeal', filingWindowDays: 60, vehicle: 'appeal-letter' },
        { level: 3, name: 'external review', filingWindowDays: 120, vehicle: 'appeal-letter' },
      ],
      warningDaysBefore: 14,
    },
    patientShareDefaults: { deductibleCents: 50_000, coinsurancePercent: 30, copayCents: 0 },
  },
  {
    id: 'self-pay',
    name: 'Self-pay',
    payerType: 'self-pay',
    x12PayerId: null,
    claimFilingIndicatorCode: '09',
    // No payer deadline; the window only orders internal work.
    timelyFiling: { days: 365, riskWarningDays: 30 },
    priorAuth: { requiredModalities: [], requiredCpts: [], exemptCpts: [] },
    appeals: { levels: [], warningDaysBefore: 14 },
    patientShareDefaults: { deductibleCents: 0, coinsurancePercent: 100, copayCents: 0 },
    // Self-pay balances are larger; review after 60 days, write off at most $10.
    patientStatements: { cycleDays: 30, collectionsReviewAfterDays: 60, smallBalanceWriteOffCents: 1_000 },
  },
];

const builtSeeds = new Map<string, PayerPolicy>();

/**
 * A seed payer's policy, or undefined for an id that is not one. Each policy is built (and validated) on first use:
 * an exam's workflow evaluates this module once per exam and needs at most two of the six.
 */
export function findSeedPayerPolicy(payerId: string): PayerPolicy | undefined {
  const built = builtSeeds.get(payerId);
  if (built) return built;
  const input = SEED_PAYER_INPUTS.find((p) => p.id === payerId);
  if (!input) return undefined;
  const policy = buildPayerPolicy(input, DEFAULT_GLOBAL_CONFIG);
  builtSeeds.set(payerId, policy);
  return policy;
}

/** The seed payer an X12 payer id names: its professional id first, then its institutional side's (Medicare Part A). */
export function seedPayerPolicyByX12Id(x12PayerId: string): PayerPolicy | undefined {
  const seeds = seedPayerPolicies();
  return seeds.find((p) => p.x12PayerId === x12PayerId) ?? seeds.find((p) => p.institutional?.x12PayerId === x12PayerId);
}

/** All six seed payers' policies, in the order of `SEED_PAYER_INPUTS`. */
export function seedPayerPolicies(): readonly PayerPolicy[] {
  return SEED_PAYER_INPUTS.map((input) => findSeedPayerPolicy(input.id)!);
}

export class UnknownPayerError extends Error {
  readonly code = 'unknown-payer';
  constructor(readonly payerId: string) {
    super(`unknown payer: ${payerId}`);
    this.name = 'UnknownPayerError';
  }
}

export function seedPayerPolicy(payerId: string): PayerPolicy {
  const found = findSeedPayerPolicy(payerId);
  if (!found) throw new UnknownPayerError(payerId);
  return found;
}
