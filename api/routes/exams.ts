import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json';
import { NOTHING_RECORDED, readStoredExamView, type StoredExamView } from '../../db/repositories/exam-view';
import { postedPatientPaymentCents } from '../../db/repositories/ledger';
import { showExamAsAnswered } from '../../db/repositories/exams';
import { STAFF } from '../../platform/roles';
import { examWorkflowId, isExamId } from '../../workflows/names';
import { ExamIntakeSchema, type ExamIntake } from '../../workflows/exam/intake';
import {
  CancelRequestSchema,
  type EventEnvelope,
  type ExamEventResult,
  type ExamStatusView,
  PatientPaymentSchema,
  type PerformedEvent,
  PerformedEventSchema,
  type ReportEvent,
  ReportEventSchema,
  cancelExamUpdate,
  examStatusQuery,
  patientPaymentUpdate,
  performedUpdate,
  reportUpdate,
} from '../../workflows/exam/messages';
import { ApiError, notFound } from '../errors';
import { type ClosedExam, deliverEvent } from '../event-delivery';
import { ExamIdParams, assertExamExists } from '../exam-lookup';
import { type IntakeTransaction, receiveIntake } from '../exam-intake';
import { auditedChange } from '../plugins/audit';
import { ExamEventResultSchema, ExamStatusViewSchema, PendingUpdateSchema } from '../schemas/exam';
import { errorResponses, json } from '../schemas/common';


const ExamCreated = z.object({ examId: z.string(), location: z.string() });

const ExamView = z.object({
  examId: z.string(),
  accessionNumber: z.string(),
  phase: z.string(),
  status: z.string(),
  escalated: z.boolean(),
  facility: z.object({ id: z.string() }),
  order: z.object({ modality: z.string(), procedures: z.array(z.object({ cpt: z.string() })), scheduledAt: z.string() }),
  coverages: z.array(z.object({ payerId: z.string(), order: z.string() })),
  openTasks: z.array(
    z.object({ taskId: z.string(), type: z.string(), queue: z.string(), priority: z.string().optional(), dueAt: z.string().nullable(), escalated: z.boolean().optional(), claimId: z.string().nullable().optional() }),
  ),
  nextTimers: z.array(z.object({ kind: z.string(), dueAt: z.string(), claimId: z.string().nullable().optional() })),
  claims: z.array(
    z.object({ claimId: z.string(), component: z.string(), version: z.number(), status: z.string(), firstSubmittedAt: z.string(), appealLevel: z.number(), patientResponsibilityCents: z.number() }),
  ),
  balances: z.record(z.string(), z.number()),
  report: z.object({ status: z.string(), addenda: z.number() }).optional(),
  cancellation: z.object({ reason: z.string(), at: z.string() }).optional(),
  /** true: the exam's workflow answered (`consistency=live`); false: PostgreSQL answered */
  live: z.boolean(),
});

const ExamReadQuery = z.object({
  /**
   * `projection` (default): PostgreSQL answers, as the exam last recorded itself (a transition's effects show once
   * recorded). `live`: the exam's workflow answers (its own state at this moment; slower, and it costs the worker).
   */
  consistency: z.enum(['projection', 'live']).default('projection').describe(
    '`projection` (default): PostgreSQL answers, as the exam last recorded itself; `live`: the exam\'s workflow answers (its own state at this moment; slower)',
  ),
});

/** How long the exam view waits for the workflow's answer before it answers from the projection (`live: false`). */
const STATUS_QUERY_DEADLINE_MS = 5000;

export const examRoutes: FastifyPluginAsyncZod = async (app) => {
  const { temporal, db, taskQueue } = app;

  app.post(
    '/v1/exams',
    {
      config: { access: { roles: ['integration', 'front_desk', 'supervisor'] }, audit: { objectType: 'exam', intent: 'in-transaction' } },
      schema: {
        tags: ['exams'],
        summary: 'Order intake: starts the exam workflow (idempotent on accessionNumber)',
        body: ExamIntakeSchema,
        response: { 200: ExamCreated.describe('Received before with the same body: the same exam'), 201: ExamCreated.describe('A new exam: its workflow started'), ...errorResponses(409, 413, 415) },
      },
    },
    async (request, reply) => {
      const intake: ExamIntake = request.body;
      // The reservation, the exam's row and this request's audit row: one transaction. A conflict changes nothing
      // (rolled back; its refusal is audited on the way out).
      const inTransaction: IntakeTransaction = (change) =>
        auditedChange(
          request,
          db,
          async (trx) => {
            const reserved = await change(trx);
            if (reserved.outcome === 'conflict') throw new ApiError(409, 'accession_conflict', 'this accession number was received before with a different body');
            return reserved;
          },
          (reserved) => (reserved.outcome === 'new' ? 201 : 200),
        );
      const claim = await receiveIntake({ db, temporal, taskQueue, deadlineMs: app.updateDeadlineMs, inTransaction }, intake, (examId) => {
        request.auditObjectId = examId;
      });
      if (claim.outcome === 'conflict') throw new ApiError(409, 'accession_conflict', 'this accession number was received before with a different body');
      const location = `/v1/exams/${claim.examId}`;
      return reply
        .status(claim.outcome === 'new' ? 201 : 200)
        .header('Location', location)
        .send({ examId: claim.examId, location });
    },
  );

  /** What the exam's row says of the order: facility, procedures, date, coverages (PHI left out). */
  const rowFacts = (exam: NonNullable<StoredExamView['exam']>) => ({
    facility: { id: exam.facilityId },
    order: { modality: exam.order.modality, procedures: exam.order.procedures.map((p) => ({ cpt: p.cpt })), scheduledAt: exam.order.scheduledAt },
    coverages: exam.coverages.map((c) => ({ payerId: c.payerId, order: c.order })),
  });

  /** The workflow's own answer (its status query), the exam's row when the workflow cannot be asked in time. */
  async function liveView(request: FastifyRequest, examId: string, stored: StoredExamView) {
    const row = stored.exam;
    let live: ExamStatusView | undefined;
    try {
      live = await temporal.connection.withDeadline(Date.now() + STATUS_QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(examWorkflowId(examId)).query(examStatusQuery));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError && !row) throw notFound('exam');
      request.log.warn({ examId, err: { name: (err as Error).name } }, 'exam status query failed; answering from the projection');
    }
    if (live) {
      const { facilityId, order, coverages, phase, status, escalated, openTasks, nextTimers, claims, balances, report, cancellation } = live;
      return { examId, accessionNumber: stored.accessionNumber, phase, status, escalated, facility: { id: facilityId }, order, coverages, openTasks, nextTimers, claims, balances, report, cancellation, live: true };
    }
    if (!row) throw new ApiError(503, 'exam_not_ready', 'the exam is being recorded; retry shortly');
    return { examId, accessionNumber: stored.accessionNumber, phase: row.phase, status: row.status, escalated: row.escalated, ...rowFacts(row), openTasks: [], nextTimers: [], claims: [], balances: {}, live: false };
  }

  app.get(
    '/v1/exams/:examId',
    {
      config: { access: { roles: STAFF }, audit: { objectType: 'exam', reads: true } },
      schema: {
        tags: ['exams'],
        summary: 'Phase, status, open tasks, claims, balances, next timers',
        description:
          'Answered from PostgreSQL: the exam\'s row as its workflow last recorded a transition, and its open tasks (`live: false`). ' +
          '`consistency=live` asks the exam\'s workflow instead (`live: true`; the row when the workflow does not answer in time).',
        params: ExamIdParams,
        querystring: ExamReadQuery,
        response: { 200: ExamView, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { examId } = request.params;
      if (!isExamId(examId)) throw notFound('exam');
      const stored = await readStoredExamView(db, examId);
      if (!stored) throw notFound('exam');
      const { exam } = stored;
      // Asked for, or an exam whose row has no recorded view past intake (recorded before the view was, or its row
      // not written yet): the workflow answers.
      if (request.query.consistency === 'live' || !exam || (!exam.view && exam.phase !== 'intake')) return liveView(request, examId, stored);
      const view = exam.view ?? NOTHING_RECORDED;
      return {
        examId,
        accessionNumber: stored.accessionNumber,
        phase: exam.phase,
        status: exam.status,
        escalated: exam.escalated,
        ...rowFacts(exam),
        openTasks: stored.openTasks,
        nextTimers: view.nextTimers,
        claims: view.claims,
        balances: view.balances,
        report: view.report,
        cancellation: view.cancellation,
        live: false,
      };
    },
  );

  const delivery = { db, temporal, deadlineMs: app.updateDeadlineMs, actorSigner: app.actorSigner };
  /** The event's identity for an update id: its natural id and a digest of what was sent (a corrected body is a new delivery). */
  const keyOf = (natural: string, body: unknown) => `${natural}:${createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 16)}`;
  const duplicateIfProcessed = (eventId: string) => async (exam: ClosedExam): Promise<ExamEventResult | undefined> =>
    exam.processedEventIds.has(eventId) ? { outcome: 'duplicate', exam: await exam.view() } : undefined;
  /** A RIS event (performed, report): delivered once per identity; a retry after the exam closed answers as the first did. */
  async function deliverRisEvent<E>(
    request: FastifyRequest,
    reply: FastifyReply,
    event: { examId: string; body: E; update: UpdateDefinition<ExamEventResult, [EventEnvelope<E>]>; eventId: string },
  ) {
    const { examId, body, update, eventId } = event;
    await assertExamExists(db, examId);
    return deliverEvent(delivery, request, reply, {
      examId,
      update,
      arg: { event: body, sentBy: request.principal!.sub },
      naturalKey: keyOf(eventId, body),
      alreadyApplied: duplicateIfProcessed(eventId),
    });
  }
  /** The answers of an event delivered to the exam: the exam's own (200), or where to look when it did not answer in time (202). */
  const accepted = {
    200: json(ExamEventResultSchema, "The exam's answer: whether the event changed it (applied) or had been applied before (duplicate), and the exam afterwards"),
    202: json(PendingUpdateSchema, 'The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds'),
    ...errorResponses(404, 409, 413, 415, 422),
  };

  app.post(
    '/v1/exams/:examId/cancel',
    {
      config: { access: { roles: ['front_desk', 'supervisor'] }, audit: { objectType: 'exam', intent: 'by-delivery' } },
      schema: {
        tags: ['exams'],
        summary: 'Cancel the exam with a reason (any phase before closed); Idempotency-Key header honoured',
        params: ExamIdParams,
        body: CancelRequestSchema.pick({ reason: true }),
        response: { ...accepted, 200: json(ExamStatusViewSchema, 'The exam, cancelled') },
      },
    },
    async (request, reply) => {
      const { examId } = request.params;
      await assertExamExists(db, examId);
      const { sub } = request.principal!;
      const reason = request.body.reason;
      return deliverEvent(delivery, request, reply, {
        examId,
        update: cancelExamUpdate,
        arg: { reason, requestedBy: sub },
        naturalKey: keyOf(`cancel:${sub}`, request.body),
        // A retried cancel of an exam it cancelled: the exam as the first answer showed it.
        alreadyApplied: async (exam) => {
          const view = await exam.view();
          return view.status === 'cancelled' && view.cancellation?.reason === reason ? view : undefined;
        },
        // answered before the exam records the cancellation: its row shows it now
        show: (view) => showExamAsAnswered(db, view),
      });
    },
  );

  app.post(
    '/v1/exams/:examId/performed',
    {
      config: { access: { roles: ['integration'] }, audit: { objectType: 'exam', intent: 'by-delivery' } },
      schema: { tags: ['exams'], summary: 'Exam performed (RIS): procedures, contrast, place of service; Idempotency-Key header honoured', params: ExamIdParams, body: PerformedEventSchema, response: accepted },
    },
    async (request, reply) => deliverRisEvent(request, reply, { examId: request.params.examId, body: request.body, update: performedUpdate, eventId: performedEventId(request.body) }),
  );

  app.post(
    '/v1/exams/:examId/report',
    {
      config: { access: { roles: ['integration'] }, audit: { objectType: 'exam', intent: 'by-delivery' } },
      schema: { tags: ['exams'], summary: 'Report event: preliminary, final (releases the charge) or addendum; Idempotency-Key header honoured', params: ExamIdParams, body: ReportEventSchema, response: accepted },
    },
    async (request, reply) => deliverRisEvent(request, reply, { examId: request.params.examId, body: request.body, update: reportUpdate, eventId: reportEventId(request.body) }),
  );

  app.post(
    '/v1/exams/:examId/payments',
    {
      config: { access: { roles: ['front_desk', 'biller', 'supervisor'] }, audit: { objectType: 'exam', intent: 'by-delivery' } },
      schema: { tags: ['exams'], summary: 'Patient payment (idempotent on reference; Idempotency-Key header honoured)', params: ExamIdParams, body: PatientPaymentSchema, response: accepted },
    },
    async (request, reply) => {
      const { examId } = request.params;
      await assertExamExists(db, examId);
      const payment = request.body;
      return deliverEvent(delivery, request, reply, {
        examId,
        update: patientPaymentUpdate,
        arg: { event: payment, sentBy: request.principal!.sub },
        actor: { actor: request.principal!.sub, role: 'staff' },
        naturalKey: keyOf(`payment:${payment.reference}`, payment),
        // A retried payment whose first delivery closed the exam: the same answer as any repeat.
        alreadyApplied: async (exam) => {
          const posted = await postedPatientPaymentCents(db, examId, payment.reference);
          if (posted === null && !exam.processedEventIds.has(`payment:${payment.reference}`)) return undefined;
          if (posted !== null && posted !== payment.amountCents) throw new ApiError(409, 'conflict', 'this payment reference was posted with another amount');
          return { outcome: 'duplicate', exam: await exam.view() };
        },
        // answered before the exam records the payment: its row shows the balance now
        show: (answer) => showExamAsAnswered(db, answer.exam),
      });
    },
  );
};

/** The event id the exam gives a performed event (workflows/exam/workflow.ts): the sender's, else its time. */
export const performedEventId = (p: PerformedEvent): string => p.eventId ?? `performed:${p.performedAt}`;
/** The event id the exam gives a report event: the sender's, else its status and signature time. */
export const reportEventId = (r: ReportEvent): string => r.eventId ?? `report:${r.status}:${r.signedAt}`;
