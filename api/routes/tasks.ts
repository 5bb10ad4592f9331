import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { TaskTypeSchema } from '../../domain/lifecycle';
import { type Role, STAFF } from '../../platform/roles';
import { examWorkflowId } from '../../workflows/names';
import { resolveTaskUpdate } from '../../workflows/exam/messages';
import { ApiError, notFound } from '../errors';
import { examUpdateError } from '../exam-update-error';
import { isUnmatchedWork, resolveUnmatchedWork } from '../unmatched-work';
import { isStalledExamWork, resolveStalledExamWork } from '../stalled-exam-work';

const TaskIdParams = z.object({ taskId: z.string().min(1).max(200) });

const ListQuery = z.object({
  queue: z.enum(['front_desk', 'coder', 'biller', 'supervisor']).optional(),
  status: z.enum(['open', 'resolved', 'cancelled', 'superseded', 'all']).default('open'),
  assignee: z.string().min(1).max(200).optional(),
  examId: z.string().max(64).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  type: TaskTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
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
function encodeCursor(row: TaskRow): string {
  return Buffer.from(JSON.stringify([row.priority_rank, row.due_at.toISOString(), row.task_id])).toString('base64url');
}
function decodeCursor(cursor: string): [number, string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && typeof v[0] === 'number' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[1])) && typeof v[2] === 'string') return [v[0], v[1], v[2]];
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
      schema: { tags: ['tasks'], summary: 'Work queue: filters, sorted by priority then due time, cursor pagination', querystring: ListQuery },
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
    { config: { access: { roles: STAFF } }, schema: { tags: ['tasks'], summary: 'One task with its context', params: TaskIdParams } },
    async (request) => present(await load(request.params.taskId)),
  );

  app.post(
    '/v1/tasks/:taskId/claim',
    { config: { access: { roles: STAFF }, audit: { objectType: 'task' } }, schema: { tags: ['tasks'], summary: 'Assign the task to yourself', params: TaskIdParams } },
    async (request) => {
      const { sub, roles } = request.principal!;
      const task = await load(request.params.taskId);
      if (!mayWork(roles, task.queue)) throw new ApiError(403, 'forbidden', 'this task belongs to another queue');
      if (task.status !== 'open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
      const updated = await db
        .updateTable('tasks')
        .set({ assignee: sub, assigned_at: new Date() })
        .where('task_id', '=', task.task_id)
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('assignee', 'is', null), eb('assignee', '=', sub)]))
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw new ApiError(409, 'task_assigned', 'the task is assigned to someone else', { assignee: task.assignee });
      return present(updated as unknown as TaskRow);
    },
  );

  app.post(
    '/v1/tasks/:taskId/release',
    { config: { access: { roles: STAFF }, audit: { objectType: 'task' } }, schema: { tags: ['tasks'], summary: 'Give the task back to its queue', params: TaskIdParams } },
    async (request) => {
      const { sub, roles } = request.principal!;
      const task = await load(request.params.taskId);
      if (!mayWork(roles, task.queue)) throw new ApiError(403, 'forbidden', 'this task belongs to another queue');
      if (task.assignee !== null && task.assignee !== sub && !isSupervisor(roles)) throw new ApiError(409, 'task_assigned', 'only the assignee or a supervisor may release the task');
      const updated = await db.updateTable('tasks').set({ assignee: null, assigned_at: null }).where('task_id', '=', task.task_id).returningAll().executeTakeFirstOrThrow();
      return present(updated as unknown as TaskRow);
    },
  );

  app.post(
    '/v1/tasks/:taskId/resolve',
    {
      config: { access: { roles: STAFF }, audit: { objectType: 'task' } },
      schema: {
        tags: ['tasks'],
        summary:
          'Resolve the task (resolution per task type, a union on `action`); delivered to the exam as an Update. Unmatched remittance work (no exam): `matched` (`examId`, optional `claimId`), `returned-to-payer` (`reference`), `not-ours` (`note`)',
        params: TaskIdParams,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request) => {
      const { sub, roles } = request.principal!;
      const task = await load(request.params.taskId);
      if (!mayWork(roles, task.queue)) throw new ApiError(403, 'forbidden', `this task needs the ${task.queue} role`);
      if (task.status !== 'open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
      if (isUnmatchedWork(task)) {
        // No workflow owns it: resolved here, a `matched` payment delivered to its exam as ingestion delivers it.
        const resolved = await resolveUnmatchedWork({ db, temporal }, task.task_id, request.body, sub);
        return { task: present(resolved.task as unknown as TaskRow), exam: null, ...(resolved.delivery ? { delivery: resolved.delivery } : {}) };
      }
      if (isStalledExamWork(task)) {
        // Opened by the watchdog, unknown to the exam's workflow: acknowledged here, with the plan.
        return { task: present((await resolveStalledExamWork(db, task.task_id, request.body, sub)) as unknown as TaskRow), exam: null };
      }
      const role = roles.includes(task.queue as Role) ? task.queue : 'supervisor';
      try {
        return await temporal.workflow
          .getHandle(examWorkflowId(task.exam_id!))
          .executeUpdate(resolveTaskUpdate, { args: [{ taskId: task.task_id, resolution: request.body, resolvedBy: sub, role }] });
      } catch (err) {
        throw examUpdateError(err);
      }
    },
  );
};
