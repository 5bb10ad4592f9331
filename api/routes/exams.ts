import { createHash, randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json';
import { claimAccessionNumber, findExam, findIntake } from '../../db/repositories/exams';
import { postedPatientPaymentCents } from '../../db/repositories/ledger';
import { STAFF } from '../../platform/roles';
import { EXAM_WORKFLOW_TYPE, examWorkflowId, isExamId } from '../../workflows/names';
import { ExamIntakeSchema, type ExamIntake } from '../../workflows/exam/intake';
import {
  CancelRequestSchema,
  type ExamStatusView,
  type ExamWorkflowInput,
  PatientPaymentSchema,
  PerformedEventSchema,
  ReportEventSchema,
  cancelExamUpdate,
  examStatusQuery,
  patientPaymentUpdate,
  performedUpdate,
  reportUpdate,
} from '../../workflows/exam/messages';
import { ApiError, notFound } from '../errors';
import { examUpdateError } from '../exam-update-error';
import { ExamIdParams, assertExamExists } from '../exam-lookup';


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
  /** false when the workflow could not be asked and the answer comes from the projection alone */
  live: z.boolean(),
});

function newExamId(): string {
  // 20 base-36 characters from 128 random bits: opaque, carries nothing about the patient.
  const n = BigInt(`0x${randomBytes(16).toString('hex')}`);
  return `ex_${n.toString(36).padStart(20, '0').slice(-20)}`;
}

export const examRoutes: FastifyPluginAsyncZod = async (app) => {
  const { temporal, db, taskQueue } = app;

  async function startExamWorkflow(input: ExamWorkflowInput): Promise<void> {
    try {
      await temporal.workflow.start(EXAM_WORKFLOW_TYPE, {
        workflowId: examWorkflowId(input.examId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  app.post(
    '/v1/exams',
    {
      config: { access: { roles: ['integration', 'front_desk', 'supervisor'] }, audit: { objectType: 'exam' } },
      schema: {
        tags: ['exams'],
        summary: 'Order intake: starts the exam workflow (idempotent on accessionNumber)',
        body: ExamIntakeSchema,
        response: { 200: ExamCreated, 201: ExamCreated },
      },
    },
    async (request, reply) => {
      const intake: ExamIntake = request.body;
      const claim = await claimAccessionNumber(db, {
        accessionNumber: intake.accessionNumber,
        examId: newExamId(),
        bodySha256: createHash('sha256').update(canonicalJson(intake)).digest('hex'),
      });
      request.auditObjectId = claim.examId;
      if (claim.outcome === 'conflict') {
        throw new ApiError(409, 'accession_conflict', 'this accession number was received before with a different body', { examId: claim.examId });
      }
      // Also on a repeat: a crash between the reservation and the start is healed by the client's retry.
      await startExamWorkflow({ examId: claim.examId, intake, receivedAt: claim.receivedAt });
      const location = `/v1/exams/${claim.examId}`;
      return reply
        .status(claim.outcome === 'new' ? 201 : 200)
        .header('Location', location)
        .send({ examId: claim.examId, location });
    },
  );

  app.get(
    '/v1/exams/:examId',
    {
      config: { access: { roles: STAFF } },
      schema: { tags: ['exams'], summary: 'Phase, status, open tasks, claims, balances, next timers', params: ExamIdParams, response: { 200: ExamView } },
    },
    async (request) => {
      const { examId } = request.params;
      if (!isExamId(examId)) throw notFound('exam');
      const [row, intakeRow] = await Promise.all([findExam(db, examId), findIntake(db, examId)]);
      if (!intakeRow) throw notFound('exam');
      let live: ExamStatusView | undefined;
      try {
        live = await temporal.workflow.getHandle(examWorkflowId(examId)).query(examStatusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError && !row) throw notFound('exam');
        request.log.warn({ examId, err: { name: (err as Error).name } }, 'exam status query failed; answering from the projection');
      }
      if (!row && !live) throw new ApiError(503, 'exam_not_ready', 'the exam is being recorded; retry shortly');
      const fromRow = row
        ? {
            facilityId: row.facility_id,
            order: row.order as unknown as ExamIntake['order'],
            coverages: row.coverages as unknown as ExamIntake['coverages'],
          }
        : undefined;
      return {
        examId,
        accessionNumber: intakeRow.accession_number,
        phase: live?.phase ?? row!.phase,
        status: live?.status ?? row!.status,
        escalated: live?.escalated ?? row?.escalated ?? false,
        facility: { id: live?.facilityId ?? fromRow!.facilityId },
        order: live?.order ?? {
          modality: fromRow!.order.modality,
          procedures: fromRow!.order.procedures.map((p) => ({ cpt: p.cpt })),
          scheduledAt: fromRow!.order.scheduledAt,
        },
        coverages: live?.coverages ?? fromRow!.coverages.map((c) => ({ payerId: c.payerId, order: c.order })),
        openTasks: live?.openTasks ?? [],
        nextTimers: live?.nextTimers ?? [],
        claims: live?.claims ?? [],
        balances: live?.balances ?? {},
        report: live?.report,
        cancellation: live?.cancellation,
        live: Boolean(live),
      };
    },
  );

  app.post(
    '/v1/exams/:examId/cancel',
    {
      config: { access: { roles: ['front_desk', 'supervisor'] }, audit: { objectType: 'exam' } },
      schema: {
        tags: ['exams'],
        summary: 'Cancel the exam with a reason (any phase before closed)',
        params: ExamIdParams,
        body: CancelRequestSchema.pick({ reason: true }),
      },
    },
    async (request) => {
      const { examId } = request.params;
      await assertExamExists(db, examId);
      try {
        return await temporal.workflow
          .getHandle(examWorkflowId(examId))
          .executeUpdate(cancelExamUpdate, { args: [{ reason: request.body.reason, requestedBy: request.principal!.sub }] });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) throw new ApiError(409, 'exam_not_open', 'the exam can no longer be cancelled');
        if (err instanceof WorkflowNotFoundError) {
          // A closed exam's workflow takes no more updates.
          const closed = await temporal.workflow.getHandle(examWorkflowId(examId)).describe().then(() => true, () => false);
          if (closed) throw new ApiError(409, 'exam_not_open', 'the exam is closed');
          throw notFound('exam');
        }
        throw err;
      }
    },
  );


  /** Delivers one event to the exam as an Update: refused content never reaches its history. */
  async function deliver<T>(examId: string, run: (handle: ReturnType<typeof temporal.workflow.getHandle>) => Promise<T>): Promise<T> {
    await assertExamExists(db, examId);
    try {
      return await run(temporal.workflow.getHandle(examWorkflowId(examId)));
    } catch (err) {
      throw examUpdateError(err);
    }
  }

  app.post(
    '/v1/exams/:examId/performed',
    {
      config: { access: { roles: ['integration'] }, audit: { objectType: 'exam' } },
      schema: { tags: ['exams'], summary: 'Exam performed (RIS): procedures, contrast, place of service', params: ExamIdParams, body: PerformedEventSchema},
    },
    async (request) => deliver(request.params.examId, (h) => h.executeUpdate(performedUpdate, { args: [{ event: request.body, sentBy: request.principal!.sub }] })),
  );

  app.post(
    '/v1/exams/:examId/report',
    {
      config: { access: { roles: ['integration'] }, audit: { objectType: 'exam' } },
      schema: { tags: ['exams'], summary: 'Report event: preliminary, final (releases the charge) or addendum', params: ExamIdParams, body: ReportEventSchema},
    },
    async (request) => deliver(request.params.examId, (h) => h.executeUpdate(reportUpdate, { args: [{ event: request.body, sentBy: request.principal!.sub }] })),
  );

  app.post(
    '/v1/exams/:examId/payments',
    {
      config: { access: { roles: ['front_desk', 'biller', 'supervisor'] }, audit: { objectType: 'exam' } },
      schema: { tags: ['exams'], summary: 'Patient payment (idempotent on reference)', params: ExamIdParams, body: PatientPaymentSchema},
    },
    async (request) => {
      const { examId } = request.params;
      try {
        return await deliver(examId, (h) => h.executeUpdate(patientPaymentUpdate, { args: [{ event: request.body, sentBy: request.principal!.sub }] }));
      } catch (err) {
        // A retried payment whose first delivery closed the exam: the same answer as any repeat.
        if (!(err instanceof ApiError) || err.code !== 'exam_not_open') throw err;
        const posted = await postedPatientPaymentCents(db, examId, request.body.reference);
        if (posted === null) throw err;
        if (posted !== request.body.amountCents) throw new ApiError(409, 'conflict', 'this payment reference was posted with another amount');
        const exam = await temporal.workflow.getHandle(examWorkflowId(examId)).query(examStatusQuery);
        return { outcome: 'duplicate' as const, exam };
      }
    },
  );
};
