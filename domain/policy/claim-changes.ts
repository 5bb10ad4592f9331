import { z } from 'zod';
import type { PayerType } from './payer-type';

/**
 * How a payer takes changes to a claim it already has:
 * - `void`: `frequency-8` (an 837 with CLM05-3 8 and REF*F8 naming the payer's claim number), or a written
 *   `reopening-request` (cancel request on paper or the payer's portal) where the payer takes no frequency 8;
 * - `correction`: `replacement` (an 837 with CLM05-3 7 and REF*F8), or a `reopening-request` (Medicare Part B does
 *   not treat a frequency-7 837P as a correction: a clerical-error reopening instead).
 */
export const ClaimChangesSchema = z.object({
  void: z.enum(['frequency-8', 'reopening-request']),
  correction: z.enum(['replacement', 'reopening-request']),
}).strict();
export type ClaimChanges = z.infer<typeof ClaimChangesSchema>;

/** How the filing limit counts from the date of service: whole days, or one calendar year (42 CFR 424.44). */
export const TimelyFilingBasisSchema = z.enum(['days', 'one-calendar-year']);
export type TimelyFilingBasis = z.infer<typeof TimelyFilingBasisSchema>;

/**
 * The vehicles a payer takes for voids and corrections: its policy's, else by payer type (Original Medicare
 * takes neither frequency 7 nor 8 on a professional claim: reopening requests; every other payer takes both).
 */
export function claimChangeVehicles(policy: { payerType: PayerType; claimChanges?: ClaimChanges | undefined }): ClaimChanges {
  if (policy.claimChanges) return policy.claimChanges;
  return policy.payerType === 'medicare'
    ? { void: 'reopening-request', correction: 'reopening-request' }
    : { void: 'frequency-8', correction: 'replacement' };
}

/**
 * The last day to file a claim for a date of service (YYYY-MM-DD or an instant: its UTC date): one calendar year
 * after it (the same month and day a year later; 29 February files by 28 February), or `days` after it.
 * Returned as the instant the date of service's time of day falls on that day.
 */
export function filingDeadlineFor(dateOfService: string, rule: { days: number; basis?: TimelyFilingBasis | undefined }): string {
  const at = new Date(dateOfService.length === 10 ? `${dateOfService}T00:00:00.000Z` : dateOfService);
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid date of service');
  if (rule.basis !== 'one-calendar-year') return new Date(at.getTime() + rule.days * 86_400_000).toISOString();
  const year = at.getUTCFullYear() + 1;
  const month = at.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds())).toISOString();
}
