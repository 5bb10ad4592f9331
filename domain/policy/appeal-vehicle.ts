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
