import { z } from 'zod';
import { BillingArrangementSchema } from './billing-arrangement';
import { CptMatcherSchema } from './cpt-matcher';
import { ModalitySchema } from './modality';
import { ClaimFilingIndicatorSchema, PayerTypeSchema } from './payer-type';
import { TaskDueHoursSchema } from './task-due-hours';
import { safeText } from '../text';
import { ClaimChangesSchema, TimelyFilingBasisSchema } from './claim-changes';
import { AppealVehicleSchema, ReopeningPolicySchema } from './appeal-vehicle';

/**
 * Every duration and amount of a policy is bounded: a value beyond any real contract (ten years, a year of
 * hours, a million dollars) would overflow the timers and dates computed from it in every open exam.
 */
const MAX_POLICY_DAYS = 3650;
const MAX_POLICY_HOURS = 8760;
const wholeDays = z.number().int().positive().max(MAX_POLICY_DAYS, `must be at most ${MAX_POLICY_DAYS} days`);
const wholeHours = z.number().int().positive().max(MAX_POLICY_HOURS, `must be at most ${MAX_POLICY_HOURS} hours`);
const cents = z.number().int().nonnegative().max(100_000_000, 'must be at most 100000000 cents');
const percent = z.number().min(0).max(100);

export const CptFamilySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: safeText(120),
  cpts: z.array(CptMatcherSchema).min(1),
});
export type CptFamily = z.infer<typeof CptFamilySchema>;

export const PriorAuthRulesSchema = z.object({
  /** Every procedure of an order in one of these modalities needs an authorization. */
  requiredModalities: z.array(ModalitySchema),
  /** Codes or ranges that need an authorization whatever the modality. */
  requiredCpts: z.array(CptMatcherSchema),
  /** Codes that never need one (e.g. screening exams), even inside a required modality or range. */
  exemptCpts: z.array(CptMatcherSchema),
  /** Groups of codes one authorization may cover when it is issued for the family rather than a code. */
  cptFamilies: z.array(CptFamilySchema),
  /**
   * When true, an authorization for one code of a family also covers the other codes of that family
   * (e.g. an MR lumbar spine without contrast authorization covers the with-and-without study).
   * When false, only the authorized codes match and any other performed code is a mismatch.
   */
  matchWithinFamily: z.boolean(),
  urgentResponseHours: wholeHours,
  standardResponseDays: wholeDays,
});
export type PriorAuthRules = z.infer<typeof PriorAuthRulesSchema>;

export const AppealLevelSchema = z.object({
  level: z.number().int().min(1).max(10),
  name: safeText(120),
  /** Days the provider has to file this level, counted from the decision being appealed. */
  filingWindowDays: wholeDays,
  /** How this level is filed (absent: by payer type, see domain/appeals appealVehicleOf). */
  vehicle: AppealVehicleSchema.optional(),
  /** The form whose content the request follows, e.g. CMS-20027. */
  form: safeText(40).optional(),
  /** The level is not available when the amount in controversy is below this (Medicare ALJ: a yearly figure). */
  minimumAmountInControversyCents: cents.optional(),
});
export type AppealLevel = z.infer<typeof AppealLevelSchema>;

/** Everything about a payer that is a rule rather than an identity; GlobalConfig holds the defaults. */
export const PolicyRulesSchema = z.object({
  timelyFiling: z.object({
    /** Days from the date of service to file a clean claim. */
    days: wholeDays,
    /** Open `timely-filing-risk` this many days before the deadline when no claim has been accepted. */
    riskWarningDays: wholeDays,
    /** How the limit counts (absent: `days`); Medicare's is one calendar year after the date of service. */
    basis: TimelyFilingBasisSchema.optional(),
  }),
  priorAuth: PriorAuthRulesSchema,
  eligibility: z.object({
    /** A 271 stays good for a date of service this many days from the one it was checked for. */
    reverifyWindowDays: wholeDays,
  }),
  acknowledgments: z.object({
    ack999OverdueDays: wholeDays,
    ack277caOverdueDays: wholeDays,
  }),
  followUp: z.object({
    /** No 835 this many days after acceptance: 276 status inquiry. */
    firstStatusInquiryDays: wholeDays,
    repeatEveryDays: wholeDays,
  }),
  arEscalation: z.object({ firstDays: wholeDays, secondDays: wholeDays }),
  appeals: z.object({
    levels: z.array(AppealLevelSchema).refine((ls) => ls.every((l, i) => l.level === i + 1), {
      message: 'appeal levels must be numbered 1, 2, 3... in order',
    }),
    /** Escalate unworked denials this many days before the appeal window closes. */
    warningDaysBefore: wholeDays,
    /** How a clerical error is corrected outside the appeal levels (absent: it is appealed at the next level). */
    reopening: ReopeningPolicySchema.optional(),
  }),
  patientStatements: z.object({
    cycleDays: wholeDays,
    /** `patient-balance-review` before collections once the first statement is this old. */
    collectionsReviewAfterDays: wholeDays,
    /** Patient balances at or under this are written off instead of billed. */
    smallBalanceWriteOffCents: cents,
  }),
  /** Used by the sandbox payer and when a 271 leaves a benefit out. */
  patientShareDefaults: z.object({
    deductibleCents: cents,
    coinsurancePercent: percent,
    copayCents: cents,
  }),
  scheduling: z.object({ noShowDays: wholeDays }),
  reportSignature: z.object({
    reminderHours: z
      .array(wholeHours)
      .min(1)
      .refine((hs) => hs.every((h, i) => i === 0 || h > (hs[i - 1] ?? 0)), { message: 'reminders must increase' }),
    escalateDaysBeforeFilingDeadline: wholeDays,
  }),
  taskDueHours: TaskDueHoursSchema,
  defaultBillingArrangement: BillingArrangementSchema,
  /** The vehicles the payer takes for voids and corrections (absent: by payer type, see claim-changes.ts). */
  claimChanges: ClaimChangesSchema.optional(),
});
export type PolicyRules = z.infer<typeof PolicyRulesSchema>;

export const PayerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'payer ids are lower-case slugs');

export const PayerIdentitySchema = z.object({
  id: PayerIdSchema,
  /** NM103 of the payer loop: 60 characters at most */
  name: safeText(60),
  payerType: PayerTypeSchema,
  /** Clearinghouse payer id (NM109 of the payer loop); null for self-pay. */
  x12PayerId: z.string().regex(/^[A-Za-z0-9]{2,80}$/).nullable(),
  claimFilingIndicatorCode: ClaimFilingIndicatorSchema,
  active: z.boolean(),
  /**
   * Where institutional claims (837I) of this payer go when not to the payer above: Medicare's Part A
   * side (its MAC payer id, SBR09 `MA`) for a payer whose professional claims go to Part B.
   */
  institutional: z.strictObject({
    x12PayerId: z.string().regex(/^[A-Za-z0-9]{2,80}$/),
    claimFilingIndicatorCode: ClaimFilingIndicatorSchema,
    /** NM103 of the payer loop on institutional claims; the payer's name when omitted */
    name: safeText(60).optional(),
  }).optional(),
});

export const PayerPolicySchema = PayerIdentitySchema.extend(PolicyRulesSchema.shape).superRefine((p, ctx) => {
  if (p.payerType === 'self-pay' && p.x12PayerId !== null) {
    ctx.addIssue({ code: 'custom', path: ['x12PayerId'], message: 'self-pay has no X12 payer id' });
  }
  if (p.payerType !== 'self-pay' && p.x12PayerId === null) {
    ctx.addIssue({ code: 'custom', path: ['x12PayerId'], message: 'an insurance payer needs an X12 payer id' });
  }
  if (p.payerType === 'self-pay' && p.claimFilingIndicatorCode !== '09') {
    ctx.addIssue({ code: 'custom', path: ['claimFilingIndicatorCode'], message: 'self-pay files as 09' });
  }
  if (p.payerType === 'medicare' && !['MB', 'MA'].includes(p.claimFilingIndicatorCode)) {
    ctx.addIssue({ code: 'custom', path: ['claimFilingIndicatorCode'], message: 'Medicare fee-for-service files as MB or MA' });
  }
  if (p.institutional && p.payerType === 'medicare' && p.institutional.claimFilingIndicatorCode !== 'MA') {
    ctx.addIssue({ code: 'custom', path: ['institutional', 'claimFilingIndicatorCode'], message: 'Medicare institutional claims file as MA (Part A)' });
  }
  if (p.institutional && p.payerType === 'self-pay') {
    ctx.addIssue({ code: 'custom', path: ['institutional'], message: 'self-pay has no institutional payer' });
  }
  if (p.payerType === 'medicaid' && p.claimFilingIndicatorCode !== 'MC') {
    ctx.addIssue({ code: 'custom', path: ['claimFilingIndicatorCode'], message: 'Medicaid files as MC' });
  }
  if (p.reportSignature.escalateDaysBeforeFilingDeadline >= p.timelyFiling.days) {
    ctx.addIssue({
      code: 'custom',
      path: ['reportSignature', 'escalateDaysBeforeFilingDeadline'],
      message: 'escalation must fall inside the filing window',
    });
  }
  if (p.arEscalation.secondDays <= p.arEscalation.firstDays) {
    ctx.addIssue({ code: 'custom', path: ['arEscalation', 'secondDays'], message: 'second escalation must come after the first' });
  }
  if (p.timelyFiling.riskWarningDays >= p.timelyFiling.days) {
    ctx.addIssue({ code: 'custom', path: ['timelyFiling', 'riskWarningDays'], message: 'warning must fall inside the filing window' });
  }
});
export type PayerPolicy = z.infer<typeof PayerPolicySchema>;
