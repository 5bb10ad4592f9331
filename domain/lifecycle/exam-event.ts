import { z } from 'zod';
import { PayerPolicySchema } from '../policy';
import { AuthorizationSchema } from '../prior-auth';

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO-8601 instant');
const eventId = z.string().min(1).max(200);
const cents = z.number().int().nonnegative();
const base = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), eventId, ...shape });

export const PerformedProcedureSchema = z.object({
  cpt: z.string().regex(/^[0-9A-Z]{5}$/),
  units: z.number().int().positive(),
  modifiers: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).max(4),
  laterality: z.enum(['LT', 'RT', '50']).nullable(),
  // Facts the RIS records per procedure (all optional; events from before carry none of them).
  /** contrast of this procedure; wins over the exam's */
  contrast: z.enum(['none', 'with', 'without-then-with']).optional(),
  startedAt: instant.optional(),
  endedAt: instant.optional(),
  /** why the procedure is distinct from another of the date (59 / XE XS XP XU) */
  distinct: z.enum(['separate-encounter', 'separate-site', 'separate-practitioner', 'unusual-service']).optional(),
  /** a repeat of an earlier procedure of the date: by the same physician (76) or another (77) */
  repeat: z.enum(['same-physician', 'other-physician']).optional(),
  /** less than the full service was performed (52) */
  reduced: z.boolean().optional(),
  /** the Advance Beneficiary Notice for this procedure: signed or not, and the option the patient chose */
  abn: z.object({ signed: z.boolean(), option: z.enum(['1', '2', '3']).optional() }).optional(),
  /** ICD-10-CM codes the charge points to (the RIS's charge, e.g. a DFT FT1-19) */
  diagnoses: z.array(z.string().max(8)).max(12).optional(),
});
export type PerformedProcedure = z.infer<typeof PerformedProcedureSchema>;

/** The technologist who performed the exam (recorded with the performed facts, not billed). */
export const PerformedTechnologistSchema = z.object({ id: z.string().min(1).max(50), familyName: z.string().max(60).optional(), givenName: z.string().max(35).optional() });
export type PerformedTechnologist = z.infer<typeof PerformedTechnologistSchema>;

export const ExamEventSchema = z.discriminatedUnion('type', [
  /** Result of validating demographics, coverage and order; `problems` are field codes, never values. */
  base('intake-validated', { problems: z.array(z.string().max(100)) }),
  base('eligibility-result', {
    outcome: z.enum(['active', 'inactive', 'not-found', 'mismatch', 'payer-unavailable']),
    reasons: z.array(z.string().max(100)),
    /** The date of service the 271 was checked for (YYYY-MM-DD). */
    checkedForDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  base('prior-auth-decision', {
    decision: z.enum(['not-required', 'on-file', 'approved', 'needed', 'denied']),
    authorization: AuthorizationSchema.optional(),
    reason: z.string().max(500).optional(),
  }),
  base('exam-rescheduled', { scheduledAt: instant }),
  base('performed', {
    performedAt: instant,
    placeOfService: z.string().regex(/^\d{2}$/),
    contrast: z.boolean(),
    procedures: z.array(PerformedProcedureSchema).min(1),
    technologist: PerformedTechnologistSchema.optional(),
  }),
  base('report', {
    status: z.enum(['preliminary', 'final', 'addendum']),
    signedAt: instant,
    radiologistNpi: z.string().regex(/^\d{10}$/),
    diagnoses: z.array(z.string().max(8)),
  }),
  /** Coding and scrubbing finished: findings the scrubber could not fix open a coding review. */
  base('coding-completed', {
    findings: z.array(z.object({ code: z.string().max(100), autoFixable: z.boolean() })),
    /** Total charge, used as the patient's balance when the exam is self-pay. */
    totalChargeCents: cents,
    /** The components with at least one billable line (absent: every component of the arrangement is billed). */
    billable: z.array(z.enum(['global', 'technical', 'professional'])).max(3).optional(),
    /**
     * `billable` lists exactly the claims coding produced: those are submitted, whatever the arrangement names
     * (absent: the components of the arrangement, filtered by `billable`, as exams from before were billed).
     */
    claimsFromCoding: z.boolean().optional(),
  }),
  base('acknowledgment', {
    kind: z.enum(['999', '277CA']),
    claimId: z.string().min(1),
    claimVersion: z.number().int().positive(),
    accepted: z.boolean(),
    errorCodes: z.array(z.string().max(20)).optional(),
  }),
  base('remittance', {
    remittanceId: z.string().min(1),
    claimId: z.string().min(1),
    claimVersion: z.number().int().positive().optional(),
    /** `reversed`: the payer took back an earlier payment of the claim (CLP02 22) and sent no correction with it. */
    status: z.enum(['paid', 'partially-paid', 'denied', 'reversed']),
    paidCents: cents,
    /** what a reversal took back (the payer's payment of the claim, as a positive amount) */
    reversedCents: cents.optional(),
    patientResponsibilityCents: cents,
    denial: z
      .object({
        category: z.string().max(50),
        carc: z.string().max(10),
        correctable: z.boolean(),
        /** unprocessable (e.g. CO-16 with MA130): no appeal rights, the claim goes again as a new claim */
        newClaimRequired: z.boolean().optional(),
      })
      .optional(),
    /** The exam's next payer (a secondary coverage on file): the primary's patient share is billed to it. */
    secondaryPayerId: z.string().optional(),
    /** The payer that sent the 835 (the remittance's payer). */
    payerId: z.string().min(1).max(100).optional(),
    /** The payer processed the claim as primary and forwarded it to the next payer itself (CLP02 19/20/21). */
    crossover: z.boolean().optional(),
    /** Lines the payer denied on a claim it otherwise paid, classified (domain/denials). */
    deniedLines: z
      .array(
        z.object({
          cpt: z.string().max(10),
          group: z.string().max(2),
          carc: z.string().max(10),
          amountCents: cents,
          category: z.string().max(50),
          action: z.string().max(40).nullable(),
        }),
      )
      .max(50)
      .optional(),
    /** The 835's date (BPR16 check/EFT date, YYYY-MM-DD): the payer's determination, which appeal windows count from. */
    remittanceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** CLP03: what the claim charged (the amount in controversy is computed from it). */
    chargeCents: cents.optional(),
    /** The claim's remark codes (RARC), claim and line level. */
    remarkCodes: z.array(z.string().max(10)).max(50).optional(),
    /** false when a remark code takes the appeal rights away (MA130: unprocessable, send a new claim). */
    appealRights: z.boolean().optional(),
  }),
  /** What posting an 835 to the ledger found: a shortfall against the expected reimbursement, receivables left in credit. */
  base('remittance-posted', {
    remittanceId: z.string().min(1),
    claimId: z.string().min(1),
    underpaymentCents: cents,
    /** insurance receivables below zero after the posting (the payer paid more than it owed) */
    payerCredits: z.array(z.object({ payerId: z.string().min(1).max(100), creditCents: z.number().int().positive() })).max(10),
  }),
  base('patient-payment', { paymentId: z.string().min(1), amountCents: z.number().int().positive() }),
  base('timer-fired', { timerId: z.string().min(1) }),
  base('task-resolved', { taskId: z.string().min(1), resolution: z.unknown() }),
  base('cancel', { reason: z.string().min(1).max(500) }),
  /**
   * The patient's registration changed at the source (a RIS ADT): `primary` the primary coverage as it is now when its
   * payer or member id changed, the other changes as flags. The names, addresses and the other coverages go to the
   * exam's records by the workflow (`record-registration`), never through the lifecycle's state.
   */
  /** The order changed before the exam was performed (a RIS order change): the procedures it orders now. */
  base('order-changed', { procedures: z.array(z.object({ cpt: z.string().regex(/^[0-9A-Z]{5}$/) })).min(1).max(20) }),
  base('registration-changed', {
    primary: z.object({ payerId: z.string().min(1).max(64), memberId: z.string().min(1).max(80), groupNumber: z.string().max(50).optional(), relationship: z.enum(['self', 'spouse', 'child', 'other']) }).optional(),
    secondaryChanged: z.boolean(),
    demographicsChanged: z.boolean(),
  }),
  /**
   * Work the exam sent out failed for good (a non-retryable failure, or still failing after its bounded retries):
   * a person in the queue that can fix it gets a task with the failure (codes only, no patient data) and can retry it.
   */
  base('work-failed', {
    /** the effect whose work failed, as the lifecycle emitted it (run again on `retry`) */
    effect: z.object({ type: z.string().min(1).max(50) }).passthrough(),
    failure: z.object({
      type: z.string().max(100),
      message: z.string().max(500),
      /** codes and element references only */
      details: z.array(z.string().max(200)).max(50),
    }),
  }),
  /** `coverage: 'secondary'`: the policy of the secondary payer the exam bills (absent: the primary's). */
  base('policy-changed', { policy: PayerPolicySchema, coverage: z.enum(['primary', 'secondary']).optional() }),
]);
export type ExamEvent = z.infer<typeof ExamEventSchema>;
export type ExamEventType = ExamEvent['type'];
export type ExamEventOf<T extends ExamEventType> = Extract<ExamEvent, { type: T }>;
