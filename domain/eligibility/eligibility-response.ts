import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/**
 * EB01 eligibility or benefit information codes the engine reads.
 * 1 active, 2 active full-risk capitation, 3 active services capitated, 4 active capitated to PCP,
 * 5 active pending investigation, 6 inactive, 7 inactive pending eligibility update,
 * 8 inactive pending investigation, A coinsurance, B copayment, C deductible, D benefit description,
 * F limitations, G out-of-pocket (stop loss), I non-covered, R other or additional payer.
 */
export const BenefitCodeSchema = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', 'A', 'B', 'C', 'D', 'F', 'G', 'I', 'R']);
export type BenefitCode = z.infer<typeof BenefitCodeSchema>;

/** One EB loop of a 271, with its amounts already in cents and its percent as 0-100. */
export const EligibilityBenefitSchema = z.object({
  code: BenefitCodeSchema,
  /** EB02: IND individual, FAM family, and the other coverage level codes. */
  coverageLevel: z.string().min(2).max(3).optional(),
  /** EB03 (repeatable): 30 plan coverage, 1 medical care, 4 diagnostic X-ray, 62 MRI/CAT scan, 73 diagnostic medical... */
  serviceTypeCodes: z.array(z.string().regex(/^[0-9A-Z]{1,2}$/)),
  /** EB04 insurance type (MB, MA, HM, C1...). */
  insuranceType: z.string().max(3).optional(),
  planDescription: z.string().max(80).optional(),
  /** EB06: 29 remaining, 23 calendar year, 22 service year, 24 year to date, 27 visit, 32 lifetime. */
  timePeriod: z.string().regex(/^\d{1,2}$/).optional(),
  /** EB07 in cents. */
  amountCents: z.number().int().nonnegative().optional(),
  /** EB08 as a percent (a 271 sends .2 for 20 %). */
  percent: z.number().min(0).max(100).optional(),
  /** EB11: Y the payer requires an authorization for this service. */
  authorizationRequired: z.enum(['Y', 'N', 'U']).optional(),
  /** EB12: Y in network, N out of network, W not applicable (both), U unknown. */
  inNetwork: z.enum(['Y', 'N', 'W', 'U']).optional(),
  /** DTP at benefit level (eligibility / benefit begin and end). */
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
});
export type EligibilityBenefit = z.infer<typeof EligibilityBenefitSchema>;

/** One AAA segment: the payer (or clearinghouse) refused to answer, with the reason code AAA03. */
export const EligibilityRejectionSchema = z.object({
  loop: z.enum(['source', 'receiver', 'subscriber', 'dependent']),
  reasonCode: z.string().regex(/^[0-9A-Z]{2}$/),
  /** AAA04: C please correct and resubmit, N resubmission not allowed, R resubmission allowed, W wait 30 days, X wait 10 days, Y do not resubmit. */
  followUpAction: z.enum(['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y']).optional(),
});
export type EligibilityRejection = z.infer<typeof EligibilityRejectionSchema>;

/** What the engine keeps of a 271 to decide an exam's eligibility. */
export const EligibilityResponseSchema = z.object({
  payerId: z.string().min(1),
  traceNumber: z.string().max(50).optional(),
  rejections: z.array(EligibilityRejectionSchema),
  /** The member id the payer answered for (may differ from the one asked about). */
  subscriberMemberId: z.string().max(80).optional(),
  /** DTP 346/347 plan begin/end, 356/357 eligibility begin/end. */
  planBegin: isoDate.optional(),
  planEnd: isoDate.optional(),
  eligibilityBegin: isoDate.optional(),
  eligibilityEnd: isoDate.optional(),
  benefits: z.array(EligibilityBenefitSchema),
});
export type EligibilityResponse = z.infer<typeof EligibilityResponseSchema>;
