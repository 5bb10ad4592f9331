import { z } from 'zod';

/**
 * What the exam workflow answers (workflows/exam/messages.ts `ExamStatusView`, `ExamEventResult`,
 * `ResolveTaskResult`), as the event routes return it.
 */

/** A task as the exam shows it (its context is the task type's own, open-ended). */
export const ExamTaskViewSchema = z.object({
  taskId: z.string(),
  type: z.string(),
  queue: z.string(),
  priority: z.string(),
  claimId: z.string().nullable(),
  status: z.string(),
  dueAt: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  escalated: z.boolean(),
  resolutionAction: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
}).meta({ id: 'ExamTask' });

export const ExamStatusViewSchema = z.object({
  examId: z.string(),
  accessionNumber: z.string(),
  facilityId: z.string(),
  order: z.object({ modality: z.string(), procedures: z.array(z.object({ cpt: z.string() })), scheduledAt: z.string() }),
  coverages: z.array(z.object({ payerId: z.string(), order: z.string() })),
  payerId: z.string(),
  phase: z.string(),
  status: z.enum(['open', 'closed', 'cancelled']),
  escalated: z.boolean(),
  selfPay: z.boolean(),
  cancellation: z.object({ reason: z.string(), at: z.string() }).optional(),
  openTasks: z.array(ExamTaskViewSchema),
  nextTimers: z.array(z.object({ kind: z.string(), dueAt: z.string(), claimId: z.string().nullable() })),
  claims: z.array(
    z.object({ claimId: z.string(), component: z.string(), version: z.number(), status: z.string(), firstSubmittedAt: z.string(), appealLevel: z.number(), patientResponsibilityCents: z.number() }),
  ),
  balances: z.object({ chargeCents: z.number(), patientCents: z.number(), patientPaidCents: z.number(), patientWrittenOffCents: z.number() }),
  report: z.object({ status: z.string(), addenda: z.number() }),
  performed: z.boolean(),
  /** how many runs (continue-as-new) the exam's workflow has had */
  run: z.number(),
}).meta({ id: 'ExamStatus' });

/** An event's answer: `applied`, or `duplicate` (it was applied before; nothing changed), and the exam afterwards. */
export const ExamEventResultSchema = z.object({
  outcome: z.enum(['applied', 'duplicate']),
  exam: ExamStatusViewSchema,
}).meta({ id: 'ExamEventResult' });

/** The exam did not answer within the deadline: where to look, and whether to send the request again. */
export const PendingUpdateSchema = z.object({
  status: z.literal('pending'),
  /** true: the exam took the event, its effect will show; false: send the same request (same Idempotency-Key) again */
  accepted: z.boolean(),
  examId: z.string(),
  location: z.string(),
  updateId: z.string(),
  message: z.string(),
}).meta({ id: 'PendingUpdate' });
