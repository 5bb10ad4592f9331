import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const cents = z.number().int('must be whole cents').nonnegative();

/** A contracted amount for one unit of a code billed with a modifier ('' the whole service, '26', 'TC'). */
export const CodeRateSchema = z.strictObject({
  code: z.string().regex(/^([0-9]{4}[0-9A-Z]|[A-V][0-9]{4})$/, 'must be a CPT or HCPCS code like 70450'),
  modifier: z.string().regex(/^([0-9A-Z]{2})?$/, "must be '' or a two-character modifier like 26 or TC").default(''),
  cents: cents.positive('must be more than zero'),
});
export type CodeRate = z.infer<typeof CodeRateSchema>;

/**
 * What the payer pays under one period of the contract:
 * - `percent-of-fee-schedule`: a percentage of the Medicare physician fee schedule of the contract's locality
 *   (GPCIs, facility or non-facility rate by place of service, OPPS imaging cap, imaging MPPR);
 * - `per-code`: a rate per code and modifier; codes not listed are priced at `otherwisePercentOfFeeSchedule` when
 *   given, else not checked.
 */
export const ContractRateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent-of-fee-schedule'), percent: z.number().positive().max(1000) }),
  z.strictObject({ kind: z.literal('per-code'), rates: z.array(CodeRateSchema).min(1).max(20_000), otherwisePercentOfFeeSchedule: z.number().positive().max(1000).optional() }),
]);
export type ContractRate = z.infer<typeof ContractRateSchema>;

/** A shortfall at or under the larger of `cents` and `percent` of the expected amount is tolerated. */
export const ToleranceSchema = z.strictObject({
  cents: cents.default(0),
  percent: z.number().min(0).max(100).default(0),
});

export const ContractTermSchema = z.strictObject({
  effectiveFrom: isoDate,
  /** inclusive; open when absent */
  effectiveTo: isoDate.nullable().optional(),
  rate: ContractRateSchema,
  tolerance: ToleranceSchema.default({ cents: 0, percent: 0 }),
}).refine((t) => t.effectiveTo == null || t.effectiveTo >= t.effectiveFrom, { message: 'must not be before effectiveFrom', path: ['effectiveTo'] });
export type ContractTerm = z.infer<typeof ContractTermSchema>;

/**
 * A payer's contract with one billing entity. `medicareLocality` ("<carrier>-<locality>" of the CMS GPCI file, e.g.
 * "06102-16" Chicago) is where the entity's services are priced: the locality's GPCIs and OPPS cap. A ZIP code to
 * locality mapping is not built in: name the locality here. `sequestrationPercent` is the payment reduction the
 * payer takes and reports as CO-253 (Medicare: 2 %), so that it is not taken for an underpayment; the payer type's
 * default applies when absent (2 for Medicare, 0 otherwise).
 */
export const PayerContractSchema = z.strictObject({
  medicareLocality: z.string().regex(/^\d{5}-\d{2}$/, 'must be "<carrier>-<locality>" like 06102-16').optional(),
  sequestrationPercent: z.number().min(0).max(10).optional(),
  terms: z.array(ContractTermSchema).min(1).max(100),
}).superRefine((c, ctx) => {
  const sorted = c.terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.effectiveFrom.localeCompare(b.t.effectiveFrom));
  for (let k = 1; k < sorted.length; k += 1) {
    const prev = sorted[k - 1]!.t;
    if (prev.effectiveTo == null || prev.effectiveTo >= sorted[k]!.t.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['terms', sorted[k]!.i, 'effectiveFrom'], message: 'overlaps the dates of another term' });
    }
  }
});
export type PayerContract = z.infer<typeof PayerContractSchema>;
export type PayerContractInput = z.input<typeof PayerContractSchema>;

/** The term in effect on a date of service. */
export function termOn(contract: PayerContract, dateOfService: string): ContractTerm | undefined {
  return contract.terms.find((t) => t.effectiveFrom <= dateOfService && (t.effectiveTo == null || dateOfService <= t.effectiveTo));
}

/** Medicare's sequestration: 2 % of the payment (CO-253), in force since 2013. */
export const MEDICARE_SEQUESTRATION_PERCENT = 2;
