import { z } from 'zod';
import { safeText } from '../text';

/**
 * How a payer takes an appeal (or a reopening) at one level. Every vehicle but `replacement-claim` is a
 * written request the engine renders as a PDF document; `replacement-claim` re-sends the claim as an 837 with
 * frequency 7 and REF*F8 (payers whose provider manual says a corrected claim is how to dispute a decision).
 */
export const AppealVehicleSchema = z.enum([
  /** Medicare Part A/B level 1: redetermination by the MAC (form CMS-20027 content), 120 days */
  'redetermination-request',
  /** Medicare level 2: reconsideration by the QIC (form CMS-20033 content), 180 days */
  'reconsideration-request',
  /** Medicare level 3: hearing before an administrative law judge (form OMHA-100 content), 60 days, amount in controversy */
  'alj-hearing-request',
  /** Medicare level 4: Medicare Appeals Council review (form DAB-101 content), 60 days */
  'appeals-council-request',
  /** Medicare level 5: federal district court; the engine only prepares the facts (filed by counsel) */
  'judicial-review-request',
  /** a written appeal letter to the payer's appeals unit (Medicare Advantage, Medicaid, commercial) */
  'appeal-letter',
  /** a written reopening request for a clerical error (Medicare: within one year of the initial determination) */
  'reopening-request',
  /** the claim sent again as a replacement (837 frequency 7, REF*F8) */
  'replacement-claim',
]);
export type AppealVehicle = z.infer<typeof AppealVehicleSchema>;

/** Vehicles the engine renders as a PDF document (nothing goes out as an 837). */
export function isDocumentVehicle(vehicle: AppealVehicle): boolean {
  return vehicle !== 'replacement-claim';
}

/** How a payer takes a clerical-error correction without an appeal. */
export const ReopeningPolicySchema = z.object({
  name: safeText(120),
  vehicle: AppealVehicleSchema,
  /** Days from the initial determination (the remittance date) to ask. */
  filingWindowDays: z.number().int().positive(),
});
export type ReopeningPolicy = z.infer<typeof ReopeningPolicySchema>;

/** CY 2026 amounts in controversy (CMS-4209-N, 90 FR 55869): an ALJ hearing $200, judicial review $1,960. */
export const ALJ_AMOUNT_IN_CONTROVERSY_CENTS = 20_000;
export const JUDICIAL_REVIEW_AMOUNT_IN_CONTROVERSY_CENTS = 196_000;

/** Medicare's levels 1-5 (fee-for-service; Medicare Advantage from level 3, after the plan and the IRE). */
const MEDICARE_LEVELS: readonly { vehicle: AppealVehicle; form?: string; minimumAmountInControversyCents?: number }[] = [
  { vehicle: 'redetermination-request', form: 'CMS-20027' },
  { vehicle: 'reconsideration-request', form: 'CMS-20033' },
  { vehicle: 'alj-hearing-request', form: 'OMHA-100', minimumAmountInControversyCents: ALJ_AMOUNT_IN_CONTROVERSY_CENTS },
  { vehicle: 'appeals-council-request', form: 'DAB-101' },
  { vehicle: 'judicial-review-request', minimumAmountInControversyCents: JUDICIAL_REVIEW_AMOUNT_IN_CONTROVERSY_CENTS },
];

interface AppealRulesShape {
  payerType: string;
  appeals: {
    levels: { level: number; name: string; filingWindowDays: number; vehicle?: AppealVehicle; form?: string; minimumAmountInControversyCents?: number }[];
    warningDaysBefore: number;
    reopening?: ReopeningPolicy;
  };
}

/**
 * A policy with its appeal vehicles spelled out: what a level does not say comes from its payer type (Medicare:
 * redetermination, reconsideration, ALJ, Council, court with their forms and amounts in controversy, and a
 * one-year reopening; Medicare Advantage: the plan's letters, then Medicare's levels from the ALJ on; others:
 * appeal letters). Policies stored before vehicles existed mean exactly this.
 */
export function withAppealDefaults<P extends AppealRulesShape>(policy: P): P {
  const medicareFrom = policy.payerType === 'medicare' ? 1 : policy.payerType === 'medicare-advantage' ? 3 : undefined;
  const levels = policy.appeals.levels.map((l) => {
    const std = medicareFrom !== undefined && l.level >= medicareFrom ? MEDICARE_LEVELS[l.level - 1] : undefined;
    const vehicle = l.vehicle ?? std?.vehicle ?? 'appeal-letter';
    const same = std !== undefined && std.vehicle === vehicle;
    const form = l.form ?? (same ? std.form : undefined);
    const min = l.minimumAmountInControversyCents ?? (same ? std.minimumAmountInControversyCents : undefined);
    return { ...l, vehicle, ...(form !== undefined ? { form } : {}), ...(min !== undefined ? { minimumAmountInControversyCents: min } : {}) };
  });
  const reopening = policy.appeals.reopening ?? (policy.payerType === 'medicare' ? { name: 'reopening', vehicle: 'reopening-request' as const, filingWindowDays: 365 } : undefined);
  return { ...policy, appeals: { ...policy.appeals, levels, ...(reopening ? { reopening } : {}) } };
}
