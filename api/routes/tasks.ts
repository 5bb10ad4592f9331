import type { Db } from '../../db/database';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json';
import { hasAuditedUpdate } from '../../db/repositories/audit-log';
import { showExamAsAnswered } from '../../db/repositories/exams';
import { TaskTypeSchema } from '../../domain/lifecycle';
import { hasControlCharacter, safeId } from '../../domain/text';
import { type Role, STAFF } from '../../platform/roles';
import { resolveTaskUpdate } from '../../workflows/exam/messages';
import { ApiError, notFound } from '../errors';
import { deliverEvent, updateIdFor } from '../event-delivery';
import { auditCommitted, auditIntent, auditOutcomeIn, auditedChange } from '../plugins/audit';
import { isUnmatchedWork, resolveUnmatchedWork } from '../unmatched-work';
import { isStalledExamWork, resolveStalledExamWork } from '../stalled-exam-work';
import { isInterfaceErrorWork, resolveInterfaceErrorWork } from '../interface-error-work';
import { errorResponses, json } from '../schemas/common';
import { ExamStatusViewSchema, ExamTaskViewSchema, PendingUpdateSchema } from '../schemas/exam';

const TaskIdParams = z.object({ taskId: safeId(200) });

const Queue = z.enum(['front_desk', 'coder', 'biller', 'supervisor']);

const ListQuery = z.object({
  queue: Queue.optional(),
  status: z.enum(['open', 'resolved', 'cancelled', 'superseded', 'all']).default('open'),
  assignee: safeId(200).optional(),
  examId: safeId(64).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  type: TaskTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: safeId(400).optional(),
});

/** A task as the work queue shows it; `context` is the task type's own (what the person needs to decide). */
const TaskView = z.object({
  taskId: z.string(),
  /** null for work that belongs to no exam (unmatched remittance work) */
  examId: z.string().nullable(),
  type: z.string(),
  queue: z.string(),
  priority: z.string(),
  claimId: z.string().nullable(),
  status: z.string(),
  escalated: z.boolean(),
  dueAt: z.string(),
  overdue: z.boolean(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  assignee: z.string().nullable(),
  resolutionAction: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
});

/** The task as resolved: the exam's view of it (the queue's fields when no exam owns the task). */
const ResolvedTask = ExamTaskViewSchema.extend({ examId: z.string().nullable().optional(), overdue: z.boolean().optional(), assignee: z.string().nullable().optional() });
const Resolved = z.object({
  task: ResolvedTask,
  /** the exam afterwards; null for work no exam owns (unmatched remittance, stalled exam, interface error) */
  exam: ExamStatusViewSchema.nullable(),
  /** unmatched remittance work matched to an exam: how the payment was delivered to it */
  delivery: z.string().optional(),
});

type TaskRow = {
  /** null for work that belongs to no exam (unmatched remittance work) */
  task_id: string; exam_id: string | null; type: string; queue: string; priority: string; claim_id: string | null; status: string;
  escalated: boolean; due_at: Date; opened_at: Date; closed_at: Date | null; context: unknown; resolution_action: string | null;
  resolved_by: string | null; assignee: string | null; priority_rank: number;
};

function present(row: TaskRow, now = Date.now()) {
  return {
    taskId: row.task_id,
    examId: row.exam_id,
    type: row.type,
    queue: row.queue,
    priority: row.priority,
    claimId: row.claim_id,
    status: row.status,
    escalated: row.escalated,
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && row.due_at.getTime() < now,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    assignee: row.assignee,
    resolutionAction: row.resolution_action,
    resolvedBy: row.resolved_by,
    context: row.context as Record<string, unknown>,
  };
}

/** Cursor = the sort key of the last row: priority rank, due time, task id. Opaque to clients. */
const CURSOR_DUE_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
function encodeCursor(row: TaskRow): string {
  return Buffer.from(JSON.stringify([row.priority_rank, row.due_at.toISOString(), row.task_id])).toString('base64url');
}
function decodeCursor(cursor: string): [number, string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // Exactly what encodeCursor writes: a small integer rank, a UTC instant, a task id (anything else would reach SQL).
    if (
      Array.isArray(v) && v.length === 3 &&
      Number.isSafeInteger(v[0]) && Math.abs(v[0] as number) <= 2_147_483_647 &&
      typeof v[1] === 'string' && CURSOR_DUE_AT.test(v[1]) && !Number.isNaN(Date.parse(v[1])) &&
      typeof v[2] === 'string' && v[2].length >= 1 && v[2].length <= 200 && !hasControlCharacter(v[2])
    ) return [v[0] as number, v[1], v[2]];
  } catch {
    // fall through
  }
  throw new ApiError(400, 'invalid_cursor', 'the cursor is not one this API issued');
}

const isSupervisor = (roles: readonly Role[]) => roles.includes('supervisor');
const mayWork = (roles: readonly Role[], queue: string) => isSupervisor(roles) || roles.includes(queue as Role);

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app;

  async function load(taskId: string): Promise<TaskRow> {
    const row = await db.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst();
    if (!row) throw notFound('task');
    return row as unknown as TaskRow;
  }

  app.get(
    '/v1/tasks',
    {
      config: { access: { roles: STAFF } },
      schema: { tags: ['tasks'], summary: 'Work queue: filters, sorted by priority then due time, cursor pagination', querystring: ListQuery, response: { 200: z.object({ tasks: z.array(TaskView), nextCursor: z.string().nullable() }), ...errorResponses() } },
    },
    async (request) => {
      const q = request.query;
      const roles = request.principal!.roles;
      if (q.queue && !mayWork(roles, q.queue)) throw new ApiError(403, 'forbidden', 'this queue belongs to another role');
      let query = db.selectFrom('tasks').selectAll();
      if (q.queue) query = query.where('queue', '=', q.queue);
      else if (!isSupervisor(roles)) query = query.where('queue', 'in', roles.filter((r) => STAFF.includes(r)));
      if (q.status !== 'all') query = query.where('status', '=', q.status);
      if (q.assignee) query = query.where('assignee', '=', q.assignee);
      if (q.examId) query = query.where('exam_id', '=', q.examId);
      if (q.type) query = query.where('type', '=', q.type);
      if (q.overdue === 'true') query = query.where('status', '=', 'open').where('due_at', '<', new Date());
      if (q.overdue === 'false') query = query.where('due_at', '>=', new Date());
      if (q.cursor) {
        const [rank, due, id] = decodeCursor(q.cursor);
        query = query.where(sql<boolean>`(priority_rank, due_at, task_id) > (${rank}, ${due}::timestamptz, ${id})`);
      }
      const rows = (await query.orderBy('priority_rank').orderBy('due_at').orderBy('task_id').limit(q.limit + 1).execute()) as unknown as TaskRow[];
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return { tasks: page.map((r) => present(r)), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
    },
  );

  app.get(
    '/v1/tasks/:taskId',
    { config: { access: { roles: STAFF } }, schema: { tags: ['tasks'], summary: 'One task with its context', params: TaskIdParams, response: { 200: TaskView, ...errorResponses(404) } } },
    async (request) => {
      const task = await load(request.params.taskId);
      // Another queue's task (and its context) is not shown: as if it did not exist.
      if (!mayWork(request.principal!.roles, task.queue)) throw notFound('task');
      return present(task);
    },
  );

  app.post(
    '/v1/tasks/:taskId/claim',
    { config: { access: { roles: STAFF }, audit: { objectType: 'task', intent: 'in-transaction' } }, schema: { tags: ['tasks'], summary: 'Assign the task to yourself', params: TaskIdParams, response: { 200: TaskView, ...errorResponses(404, 409) } } },
    async (request) => {
      const { sub, roles } = request.principal!;
      const task = await load(request.params.taskId);
      if (!mayWork(roles, task.queue)) throw new ApiError(403, 'forbidden', 'this task belongs to another queue');
      if (task.status !== 'open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
      const updated = await auditedChange(request, db, async (trx) => {
        const row = await trx
          .updateTable('tasks')
          .set({ assignee: sub, assigned_at: new Date() })
          .where('task_id', '=', task.task_id)
          .where('status', '=', 'open')
          .where((eb) => eb.or([eb('assignee', 'is', null), eb('assignee', '=', sub)]))
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new ApiError(409, 'task_assigned', 'the task is assigned to someone else', { assignee: task.assignee });
        return row;
      }, () => 200);
      return present(updated as unknown as TaskRow);
    },
  );

  app.post(
    '/v1/tasks/claim-next',
    {
      config: { access: { roles: STAFF }, audit: { objectType: 'task', intent: 'in-transaction' } },
      schema: {
        tags: ['tasks'],
        summary:
          'Assign yourself the next task of a queue (optionally of one type): the first open, unassigned task in the work-queue order (priority, then due time). A task another person is claiming at the same moment is passed over, so that people working one queue never take the same task. `task` is null when none is left',
        body: z.strictObject({ queue: Queue, type: TaskTypeSchema.optional() }),
        response: { 200: z.object({ task: TaskView.nullable() }), ...errorResponses() },
      },
    },
    async (request) => {
      const { sub, roles } = request.principal!;
      const { queue, type } = request.body;
      if (!mayWork(roles, queue)) throw new ApiError(403, 'forbidden', 'this queue belongs to another role');
      const claimed = await auditedChange(request, db, async (trx) => {
        let next = trx.selectFrom('tasks').select('task_id').where('queue', '=', queue).where('status', '=', 'open').where('assignee', 'is', null);
        if (type) next = next.where('type', '=', type);
        const row = await next.orderBy('priority_rank').orderBy('due_at').orderBy('task_id').limit(1).forUpdate().skipLocked().executeTakeFirst();
        if (!row) return null;
        request.auditObjectId = row.task_id;
        return trx.updateTable('tasks').set({ assignee: sub, assigned_at: new Date() }).where('task_id', '=', row.task_id).returningAll().executeTakeFirstOrThrow();
      }, () => 200);
      return { task: claimed ? present(claimed as unknown as TaskRow) : null };
    },
  );

  app.post(
    '/v1/tasks/:taskId/release',
    { config: { access: { roles: STAFF }, audit: { objectType: 'task', intent: 'in-transaction' } }, schema: { tags: ['tasks'], summary: 'Give the task back to its queue', params: TaskIdParams, response: { 200: TaskView, ...errorResponses(404, 409) } } },
    async (request) => {
      const { sub, roles } = request.principal!;
      const task = await load(request.params.taskId);
      if (!mayWork(roles, task.queue)) throw new ApiError(403, 'forbidden', 'this task belongs to another queue');
      if (task.assignee !== null && task.assignee !== sub && !isSupervisor(roles)) throw new ApiError(409, 'task_assigned', 'only the assignee or a supervisor may release the task');
      const updated = await auditedChange(request, db, (trx) => trx.updateTable('tasks').set({ assignee: null, assigned_at: null }).where('task_id', '=', task.task_id).returningAll().executeTakeFirstOrThrow(), () => 200);
      return present(updated as unknown as TaskRow);
    },
  );

  app.post(
    '/v1/tasks/:taskId/resolve',
    {
      config: { access: { roles: STAFF }, audit: { objectType: 'task', intent: 'by-delivery' } },
      schema: {
        tags: ['tasks'],
        summary:
          'Resolve the task (resolution per task type, a union on `action`); delivered to the exam as an Update. Unmatched remittance work (no exam): `matched` (`examId`, optional `claimId`), `returned-to-payer` (`reference`), `not-ours` (`note`)',
        params: TaskIdParams,
        body: z.record(z.string(), z.unknown()),
        response: {
          200: Resolved.describe('The task resolved, and the exam afterwards'),
          202: json(PendingUpdateSchema, 'The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds'),
          ...errorResponses(404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { sub, roles } = request.principal!;
      const task = await load(request.params.taskId);
      if (!mayWork(roles, task.queue)) throw new ApiError(403, 'forbidden', `this task needs the ${task.queue} role`);
      if (task.assignee !== null && task.assignee !== sub && !isSupervisor(roles)) throw new ApiError(409, 'task_assigned', 'the task is assigned to someone else: only the assignee or a supervisor may resolve it');
      // Work no workflow owns is changed here, in PostgreSQL, with its audit row in the same transaction; a part of the
      // change that reaches an exam (a replayed message, a matched payment) has its intent recorded before it.
      const inTransaction = { beforeCommit: (trx: Db) => auditOutcomeIn(request, trx, 200), beforeReplay: () => auditIntent(db, request), beforeDelivery: () => auditIntent(db, request) };
      if (isInterfaceErrorWork(task)) {
        // A message of the HL7 listener that could not be used: replayed (retry) or set aside (cancel) here.
        const resolved = await resolveInterfaceErrorWork(db, app.interfaceReplay, task.task_id, request.body, sub, new Date(), inTransaction);
        auditCommitted(request);
        return { task: present(resolved as unknown as TaskRow), exam: null };
      }
      if (isUnmatchedWork(task)) {
        if (task.status !== 'open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
        // No workflow owns it: resolved here, a `matched` payment delivered to its exam as ingestion delivers it.
        const resolved = await resolveUnmatchedWork({ db, temporal }, task.task_id, request.body, sub, new Date(), inTransaction);
        auditCommitted(request);
        return { task: present(resolved.task as unknown as TaskRow), exam: null, ...(resolved.delivery ? { delivery: resolved.delivery } : {}) };
      }
      if (isStalledExamWork(task)) {
        // Opened by the watchdog, unknown to the exam's workflow: acknowledged here, with the plan.
        const resolved = await auditedChange(request, db, (trx) => resolveStalledExamWork(trx, task.task_id, request.body, sub), () => 200);
        return { task: present(resolved as unknown as TaskRow), exam: null };
      }
      const role = roles.includes(task.queue as Role) ? task.queue : 'supervisor';
      const resolution = request.body;
      const action = typeof resolution.action === 'string' ? resolution.action : null;
      const naturalKey = `resolve:${task.task_id}:${createHash('sha256').update(canonicalJson(resolution)).digest('hex').slice(0, 16)}`;
      // A task no longer open is refused (409) unless this request is one already delivered (same resolution, or
      // same Idempotency-Key) by the person who resolved it: a retry, answered as the first delivery was. Asked only
      // when it matters (the task is closed, or the exam refuses the event); the request's own intent row is left out.
      const updateId = updateIdFor(request, resolveTaskUpdate.name, naturalKey);
      const isRetry = () => hasAuditedUpdate(db, task.task_id, updateId, 'task', request.id);
      if (task.status !== 'open') {
        const resolvedByThis = task.status === 'resolved' && task.resolved_by === sub && task.resolution_action === action;
        if (!resolvedByThis || !(await isRetry())) throw new ApiError(409, 'task_not_open', 'the task is no longer open');
      }
      return deliverEvent({ db, temporal, deadlineMs: app.updateDeadlineMs, actorSigner: app.actorSigner }, request, reply, {
        examId: task.exam_id!,
        update: resolveTaskUpdate,
        arg: { taskId: task.task_id, resolution, resolvedBy: sub, role },
        actor: { actor: sub, role, taskId: task.task_id },
        naturalKey,
        alreadyApplied: async (exam) => {
          if (!exam.processedEventIds.has(`resolve:${task.task_id}`) || !(await isRetry())) return undefined;
          const now = await load(task.task_id);
          if (now.status !== 'resolved' || now.resolved_by !== sub || now.resolution_action !== action) return undefined;
          const { examId: _examId, overdue: _overdue, assignee: _assignee, ...view } = present(now);
          return { task: { ...view, dueAt: view.dueAt as string | null }, exam: await exam.view() };
        },
        // The exam answers before it records the transition: the work queue and the exam's row show the answer at
        // once, so that the next read of the task, the queue or the exam agrees with it.
        show: (answer) => showExamAsAnswered(db, answer.exam, answer.task),
      });
    },
  );
};
