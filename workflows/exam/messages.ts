import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { Claim } from '../../domain/coding/claim';
import type { ExamState as LifecycleState } from '../../domain/lifecycle';
import type { PayerPolicy } from '../../domain/policy';
import { safeId, safeNote, safeText } from '../../domain/text';
import { Coverage, Cpt, Icd10, IsoDateTime, Npi, Patient, PlaceOfService, type ExamIntake } from './intake';

/** What a run carries over to the next one at continue-as-new: the whole exam, nothing recomputed. */
export interface CarriedExam {
  lifecycle: LifecycleState;
  coding: CodingSnapshot | null;
  /** who resolved each task (subject and role), for the projection and the timeline */
  resolvers: Record<string, { sub: string; role: string; resolution?: string }>;
  transitions: number;
  runs: number;
  cancelledAt: string | null;
  coverage: { payerId: string; memberId: string } | null;
  radiologistNpi: string | null;
  /** the registration the source sent since intake (patient, coverages); absent: the intake's */
  registration?: Registration | null;
  /** the order as the source changed it since intake (procedures, ordering provider); absent: the intake's */
  order?: ExamIntake['order'] | null;
}

/** The patient and the coverages as the exam's records hold them. */
export interface Registration {
  patient: ExamIntake['patient'];
  coverages: ExamIntake['coverages'];
}

/** The coded claims of an exam as the coding step produced them (plain JSON, no documents). */
export interface CodingSnapshot {
  claims: Claim[];
  /** `autoFixable`: the engine corrected it itself; `claim`: the claim a scrub finding is about (absent: the whole exam) */
  findings: { code: string; severity: 'error' | 'warning'; field: string; message: string; fix: string; autoFixable: boolean; claim?: Claim['kind'] }[];
  totalChargeCents: number;
}

export interface ExamWorkflowOptions {
  /** continue-as-new after this many handled events even when Temporal does not suggest it yet */
  continueAsNewAfterEvents?: number;
}

export interface ExamWorkflowInput {
  examId: string;
  intake: ExamIntake;
  receivedAt: string;
  /** the intake wrote the exam's row with its reservation (the exam does not write it again) */
  intakeRecorded?: boolean;
  options?: ExamWorkflowOptions;
  /** present on a run that continues an earlier one */
  carried?: CarriedExam;
}

export interface ExamTaskView {
  taskId: string;
  type: string;
  queue: string;
  priority: string;
  claimId: string | null;
  status: string;
  dueAt: string | null;
  openedAt: string;
  closedAt: string | null;
  escalated: boolean;
  resolutionAction: string | null;
  resolvedBy: string | null;
  context: Record<string, unknown>;
}

export interface ExamStatusView {
  examId: string;
  accessionNumber: string;
  facilityId: string;
  order: { modality: string; procedures: { cpt: string }[]; scheduledAt: string };
  coverages: { payerId: string; order: string }[];
  payerId: string;
  phase: string;
  status: 'open' | 'closed' | 'cancelled';
  escalated: boolean;
  selfPay: boolean;
  cancellation?: { reason: string; at: string };
  openTasks: ExamTaskView[];
  nextTimers: { kind: string; dueAt: string; claimId: string | null }[];
  claims: { claimId: string; component: string; version: number; status: string; firstSubmittedAt: string; appealLevel: number; patientResponsibilityCents: number }[];
  balances: { chargeCents: number; patientCents: number; patientPaidCents: number; patientWrittenOffCents: number };
  report: { status: string; addenda: number };
  performed: boolean;
  run: number;
  /** the transitions the exam has applied (across runs): the order of its recorded views (not in the API's answers) */
  seq: number;
}

/**
 * The technologist who performed the exam (staff, not billed): the RIS's identifier and, when it sends them, the
 * name parts. Kept with the exam's performed facts (timeline, coding review); never written to logs.
 */
export const TechnologistSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,50}$/, 'must be 1-50 letters, digits or . _ : -'),
  familyName: safeText(60).optional(),
  givenName: safeText(35).optional(),
});
export type Technologist = z.infer<typeof TechnologistSchema>;

/** Exam performed (RIS). `eventId` is the sender's message id; without one the content identifies the event. */
export const PerformedEventSchema = z.strictObject({
  eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional(),
  performedAt: IsoDateTime,
  placeOfService: PlaceOfService,
  contrast: z.boolean().default(false),
  procedures: z
    .array(
      z
        .strictObject({
          cpt: Cpt,
          units: z.number().int().min(1).max(99).default(1),
          modifiers: z.array(z.string().regex(/^[0-9A-Z]{2}$/, 'must be a two-character modifier')).max(4).default([]),
          laterality: z.enum(['LT', 'RT', '50']).nullable().default(null),
          /** contrast of this procedure (wins over the exam-level `contrast`): a without-then-with study is both */
          contrast: z.enum(['none', 'with', 'without-then-with']).optional(),
          startedAt: IsoDateTime.optional(),
          endedAt: IsoDateTime.optional(),
          /** documented reason the procedure is distinct from another of the date: 59 or XE / XS / XP / XU */
          distinct: z.enum(['separate-encounter', 'separate-site', 'separate-practitioner', 'unusual-service']).optional(),
          /** a repeat of an earlier procedure of the date by the same physician (76) or another (77) */
          repeat: z.enum(['same-physician', 'other-physician']).optional(),
          /** reduced service (52) */
          reduced: z.boolean().optional(),
          /** Advance Beneficiary Notice: `signed`, and the option the patient chose (1 bill Medicare, 2 do not bill, 3 declined) */
          abn: z.strictObject({ signed: z.boolean(), option: z.enum(['1', '2', '3']).optional() }).optional(),
          /**
           * ICD-10-CM codes the charge points to (a DFT FT1-19), in pointer order. The claim's diagnoses come from the
           * signed report when it has them (a difference is a coding-review finding); without, from these.
           */
          diagnoses: z.array(Icd10).min(1).max(12).optional(),
        })
        .refine((p) => !p.startedAt || !p.endedAt || Date.parse(p.endedAt) >= Date.parse(p.startedAt), { message: 'endedAt must not be before startedAt', path: ['endedAt'] })
        .refine((p) => !p.abn || p.abn.signed || p.abn.option === undefined, { message: 'an ABN option needs a signed ABN', path: ['abn', 'option'] }),
    )
    .min(1)
    .max(20),
  /** who performed the exam (OBR-34 technician, or where the sender's mapping profile says) */
  technologist: TechnologistSchema.optional(),
});
export type PerformedEvent = z.infer<typeof PerformedEventSchema>;

/** Report event (RIS/PACS): only `final` releases the charge. */
export const ReportEventSchema = z.strictObject({
  eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional(),
  status: z.enum(['preliminary', 'final', 'addendum']),
  signedAt: IsoDateTime,
  radiologistNpi: Npi,
  diagnoses: z.array(Icd10).max(12).default([]),
});
export type ReportEvent = z.infer<typeof ReportEventSchema>;

/**
 * An order change from the source before the exam is performed (a RIS ORC-1 XO): the procedures ordered now and the
 * ordering provider. `eventId` identifies the change.
 */
export const OrderChangeSchema = z.strictObject({
  eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/),
  procedures: z.array(z.strictObject({ cpt: Cpt, units: z.number().int().min(1).max(99).default(1) })).min(1).max(20),
  orderingProviderNpi: Npi,
});
export type OrderChange = z.infer<typeof OrderChangeSchema>;

/**
 * The patient's registration as the source has it now (a RIS ADT^A04/A08): the demographics (name, address, birth
 * date) and, when sent, the coverages, which replace the exam's whole list. `eventId` identifies the change.
 */
export const RegistrationChangeSchema = z
  .strictObject({
    eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/),
    patient: Patient.omit({ mrn: true }),
    coverages: z.array(Coverage).min(1).max(3).optional(),
  })
  .superRefine((r, ctx) => {
    if (!r.coverages) return;
    const orders = r.coverages.map((c) => c.order);
    if (new Set(orders).size !== orders.length) ctx.addIssue({ code: 'custom', path: ['coverages'], message: 'each coverage order (primary, secondary, tertiary) may appear once' });
    if (!orders.includes('primary')) ctx.addIssue({ code: 'custom', path: ['coverages'], message: 'a primary coverage is required' });
    r.coverages.forEach((c, i) => {
      if (c.relationship !== 'self' && !c.subscriber) ctx.addIssue({ code: 'custom', path: ['coverages', i, 'subscriber'], message: 'is required when the patient is not the subscriber' });
    });
  });
export type RegistrationChange = z.infer<typeof RegistrationChangeSchema>;

export const CancelRequestSchema = z.strictObject({
  reason: safeNote(500).min(3, 'must be at least 3 characters'),
  requestedBy: safeId(200),
});
export type CancelRequest = z.infer<typeof CancelRequestSchema>;

export const ResolveTaskRequestSchema = z.strictObject({
  taskId: safeId(200),
  resolution: z.unknown(),
  resolvedBy: safeId(200),
  role: safeId(50),
  /** the API's signature over this request (platform/actor-assertion.ts), checked by the worker's codec */
  actorAssertion: z.string().max(4096).optional(),
});
export type ResolveTaskRequest = z.infer<typeof ResolveTaskRequestSchema>;

export const PatientPaymentSchema = z.strictObject({
  amountCents: z.number().int().positive().max(100_000_000),
  method: z.enum(['cash', 'check', 'card', 'ach', 'other']),
  reference: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 letters, digits or . _ : -'),
});
export type PatientPayment = z.infer<typeof PatientPaymentSchema>;

/** What an event update answers: whether it changed the exam, and the exam afterwards. */
export interface ExamEventResult {
  outcome: 'applied' | 'duplicate';
  exam: ExamStatusView;
}

export interface ResolveTaskResult {
  task: ExamTaskView;
  exam: ExamStatusView;
}

/** Typed failures of the exam's updates; the API maps them to HTTP statuses. */
export const ExamFailureType = {
  invalid: 'ExamEventInvalid',
  conflict: 'ExamEventConflict',
  taskNotOpen: 'TaskNotOpen',
  notOpen: 'ExamNotOpen',
} as const;

/** An event as the API delivers it: the validated body and who sent it (a token subject, never PHI). */
export interface EventEnvelope<T> {
  event: T;
  sentBy: string;
  /** staff updates: the API's signature over the envelope (platform/actor-assertion.ts), checked by the worker's codec */
  actorAssertion?: string;
}

export const examStatusQuery = defineQuery<ExamStatusView>('status');
/**
 * The input of a run that continues this exam from where it stands (its whole state carried). Answered by
 * a closed workflow too: the inbound path reopens a closed exam with it when a late 835 arrives.
 */
export const examContinuationQuery = defineQuery<ExamWorkflowInput>('continuation');
export const cancelExamUpdate = defineUpdate<ExamStatusView, [CancelRequest]>('cancel');
export const performedUpdate = defineUpdate<ExamEventResult, [EventEnvelope<PerformedEvent>]>('performed');
export const reportUpdate = defineUpdate<ExamEventResult, [EventEnvelope<ReportEvent>]>('report');
export const resolveTaskUpdate = defineUpdate<ResolveTaskResult, [ResolveTaskRequest]>('resolveTask');
/** The order changed at the source before the exam was performed (procedures, ordering provider). */
export const orderChangeUpdate = defineUpdate<ExamEventResult, [EventEnvelope<OrderChange>]>('orderChange');
/** The patient's registration changed at the source (demographics, coverages). */
export const registrationChangeUpdate = defineUpdate<ExamEventResult, [EventEnvelope<RegistrationChange>]>('registrationChange');
export const patientPaymentUpdate = defineUpdate<ExamEventResult, [EventEnvelope<PatientPayment>]>('patientPayment');
/** The payer's policy was edited (PUT /v1/payers/{id}): the exam reloads it. */
export const policyChangedSignal = defineSignal<[{ payerId: string; policy: PayerPolicy }]>('policyChanged');
