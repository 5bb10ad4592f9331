import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { PRIORITY_RANK, TASK_DEFINITIONS } from '../../domain/lifecycle';
import type { Db } from '../database';
import { withTransaction } from './audit-log';
import type { TaskTable } from '../lifecycle-tables';
import type { ExamWatchdogCheckTable, WatchdogSweepTable } from '../watchdog-tables';

/** The watchdog's name in `watchdog_sweeps` and in the context of the tasks it opens. */
export const EXAM_WATCHDOG = 'exam-watchdog';
const STALLED = 'stalled-exam';

/** An open exam the watchdog asks Temporal about. `suspect`: no open task, no timer known to be ahead. */
export interface StalledCandidate {
  examId: string;
  phase: string;
  updatedAt: Date;
  suspect: boolean;
  /** an open `stalled-exam` task of the exam */
  stalledTaskId: string | null;
  /** a supervisor acknowledged it stalled and it did not change since: no new task before the quiet time ends */
  acknowledged: boolean;
}

/**
 * Open exams to check, cheaply from PostgreSQL, `limit` at most. First the suspects, unchanged since
 * `changedBefore` and not checked since then (unless they changed): those with an open `stalled-exam` task
 * (is it healthy again?), and those with no open task of their workflow and no timer the watchdog saw ahead
 * of `at` (nor a stalled state a supervisor acknowledged) since their last change. Then, to fill the batch, the other open exams (an open task, a timer ahead) whose
 * workflow was not checked since `recheckBefore`: a workflow that ended under an open task is found too.
 */
export async function findStalledCandidates(
  db: Db,
  input: { at: Date; changedBefore: Date; recheckBefore: Date; limit: number },
): Promise<StalledCandidate[]> {
  const { rows } = await sql<{ exam_id: string; phase: string; updated_at: Date; suspect: boolean; acknowledged: boolean; stalled_task_id: string | null }>`
    WITH open_exams AS (
      SELECT e.exam_id, e.phase, e.updated_at, c.checked_at, c.exam_updated_at,
             COALESCE(c.exam_updated_at = e.updated_at AND c.acknowledged_until > ${input.at}, false) AS acknowledged,
             EXISTS (SELECT 1 FROM tasks t WHERE t.exam_id = e.exam_id AND t.status = 'open' AND t.type = ${STALLED})
               OR (NOT EXISTS (SELECT 1 FROM tasks t WHERE t.exam_id = e.exam_id AND t.status = 'open' AND t.type <> ${STALLED})
                   AND NOT COALESCE(c.exam_updated_at = e.updated_at AND (c.healthy_until > ${input.at} OR c.acknowledged_until > ${input.at}), false)) AS suspect
      FROM exams e
      LEFT JOIN exam_watchdog_checks c ON c.exam_id = e.exam_id
      WHERE e.status = 'open' AND e.updated_at <= ${input.changedBefore}
    )
    SELECT o.exam_id, o.phase, o.updated_at, o.suspect, o.acknowledged,
           (SELECT t.task_id FROM tasks t WHERE t.exam_id = o.exam_id AND t.type = ${STALLED} AND t.status = 'open' AND t.task_id LIKE 'stx\_%' LIMIT 1) AS stalled_task_id
    FROM open_exams o
    WHERE o.checked_at IS NULL
       OR o.exam_updated_at <> o.updated_at
       OR o.checked_at <= CASE WHEN o.suspect THEN ${input.changedBefore}::timestamptz ELSE ${input.recheckBefore}::timestamptz END
    ORDER BY o.suspect DESC, o.checked_at ASC NULLS FIRST, o.updated_at ASC, o.exam_id
    LIMIT ${input.limit}`.execute(db);
  return rows.map((r) => ({ examId: r.exam_id, phase: r.phase, updatedAt: r.updated_at, suspect: r.suspect, stalledTaskId: r.stalled_task_id, acknowledged: r.acknowledged }));
}

/** The exam as the projection has it now (a check is only acted on if the exam did not change meanwhile). */
export async function examStateNow(db: Db, examId: string): Promise<{ status: string; updatedAt: Date } | undefined> {
  const row = await db.selectFrom('exams').select(['status', 'updated_at']).where('exam_id', '=', examId).executeTakeFirst();
  return row ? { status: row.status, updatedAt: row.updated_at } : undefined;
}

/** Remembers what a check saw: an unchanged exam with a timer ahead is not asked again before it is due. */
export async function recordWatchdogCheck(
  db: Db,
  check: { examId: string; at: Date; examUpdatedAt: Date; verdict: Selectable<ExamWatchdogCheckTable>['verdict']; healthyUntil: Date | null; seen: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('exam_watchdog_checks')
    .values({
      exam_id: check.examId,
      checked_at: check.at,
      exam_updated_at: check.examUpdatedAt,
      verdict: check.verdict,
      healthy_until: check.healthyUntil,
      seen: JSON.stringify(check.seen),
    })
    .onConflict((oc) =>
      oc.column('exam_id').doUpdateSet({
        checked_at: (eb) => eb.ref('excluded.checked_at'),
        exam_updated_at: (eb) => eb.ref('excluded.exam_updated_at'),
        verdict: (eb) => eb.ref('excluded.verdict'),
        healthy_until: (eb) => eb.ref('excluded.healthy_until'),
        seen: (eb) => eb.ref('excluded.seen'),
      }),
    )
    .execute();
}

/**
 * Opens the exam's `stalled-exam` task in the supervisor queue with what the watchdog saw (codes only).
 * At most one open per exam (a partial unique index): returns null when one is open already.
 */
export async function openStalledExamTask(db: Db, input: { examId: string; at: Date; dueHours: number; seen: Record<string, unknown> }): Promise<string | null> {
  const definition = TASK_DEFINITIONS[STALLED];
  const taskId = `stx_${randomUUID().replace(/-/g, '')}`;
  const inserted = await db
    .insertInto('tasks')
    .values({
      task_id: taskId,
      exam_id: input.examId,
      type: STALLED,
      queue: definition.queue,
      priority: definition.priority,
      priority_rank: PRIORITY_RANK[definition.priority],
      claim_id: null,
      status: 'open',
      escalated: false,
      due_at: new Date(input.at.getTime() + input.dueHours * 3_600_000),
      opened_at: input.at,
      closed_at: null,
      context: JSON.stringify({ source: EXAM_WATCHDOG, ...input.seen }),
      resolution_action: null,
      resolved_by: null,
      version: 0,
    })
    .onConflict((oc) => oc.column('exam_id').where(sql<boolean>`type = 'stalled-exam' AND status = 'open'`).doNothing())
    .returning('task_id')
    .executeTakeFirst();
  return inserted?.task_id ?? null;
}

/**
 * Closes the watchdog's own open `stalled-exam` task (status `superseded`) once the exam is healthy again or no
 * longer open; `reason` is a code. Returns how many it closed.
 */
export async function supersedeStalledExamTasks(db: Db, input: { examIds: string[]; at: Date; reason: string }): Promise<number> {
  if (input.examIds.length === 0) return 0;
  const closed = await db
    .updateTable('tasks')
    .set({
      status: 'superseded',
      closed_at: input.at,
      resolution_action: null,
      context: sql`context || jsonb_build_object('closedBy', ${EXAM_WATCHDOG}::text, 'closedReason', ${input.reason}::text)`,
      updated_at: input.at,
    })
    .where('type', '=', STALLED)
    .where('status', '=', 'open')
    .where('exam_id', 'in', input.examIds)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows);
}

/** Open `stalled-exam` tasks of exams that closed or were cancelled meanwhile: nothing is stalled there any more. */
export async function supersedeStalledTasksOfEndedExams(db: Db, at: Date): Promise<number> {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('exams', 'exams.exam_id', 'tasks.exam_id')
    .select('tasks.exam_id')
    .where('tasks.type', '=', STALLED)
    .where('tasks.status', '=', 'open')
    .where('exams.status', '<>', 'open')
    .execute();
  return supersedeStalledExamTasks(db, { examIds: rows.map((r) => r.exam_id!), at, reason: 'exam-not-open' });
}

export async function recordSweep(db: Db, sweep: Omit<Selectable<WatchdogSweepTable>, 'name'>): Promise<void> {
  const values = { name: EXAM_WATCHDOG, ...sweep };
  await db
    .insertInto('watchdog_sweeps')
    .values(values)
    .onConflict((oc) => oc.column('name').doUpdateSet({ ...sweep }))
    .execute();
}

/** What `/metrics` shows: open `stalled-exam` tasks and the last sweep. */
export async function stalledExamFigures(db: Db): Promise<{ open: number; lastSweep: Selectable<WatchdogSweepTable> | undefined }> {
  const [count, lastSweep] = await Promise.all([
    db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', STALLED).where('status', '=', 'open').executeTakeFirstOrThrow(),
    db.selectFrom('watchdog_sweeps').selectAll().where('name', '=', EXAM_WATCHDOG).executeTakeFirst(),
  ]);
  return { open: Number(count.n), lastSweep };
}

export type StalledExamTaskRow = Selectable<TaskTable>;

/**
 * A supervisor acknowledges a stalled exam with a plan: the task is resolved (who, when, action) and the plan
 * kept beside it; no new `stalled-exam` task opens for the exam for `quietHours` unless it changes.
 * Concurrent resolutions wait on the task's row; returns undefined when the task is not open any more.
 */
export async function acknowledgeStalledExamTask(
  db: Db,
  input: { taskId: string; plan: string; note: string | null; by: string; at: Date; quietHours: number },
): Promise<StalledExamTaskRow | 'not-found' | 'not-open'> {
  // in the caller's transaction when it gives one (the resolution's audit row goes with it)
  return withTransaction(db, async (trx) => {
    const task = await trx.selectFrom('tasks').selectAll().where('task_id', '=', input.taskId).forUpdate().executeTakeFirst();
    if (!task || task.type !== STALLED || !task.exam_id) return 'not-found';
    if (task.status !== 'open') return 'not-open';
    await trx
      .insertInto('stalled_exam_acknowledgments')
      .values({ task_id: task.task_id, exam_id: task.exam_id, plan: input.plan, note: input.note, acknowledged_by: input.by, acknowledged_at: input.at })
      .execute();
    // Quiet from the later of now and the last check (the watchdog's clock: the one exam timers run on).
    await trx
      .updateTable('exam_watchdog_checks')
      .set({ acknowledged_until: sql`GREATEST(checked_at, ${input.at}::timestamptz) + make_interval(hours => ${input.quietHours})` })
      .where('exam_id', '=', task.exam_id)
      .execute();
    return trx
      .updateTable('tasks')
      .set({ status: 'resolved', closed_at: input.at, resolution_action: 'acknowledge', resolved_by: input.by, updated_at: input.at })
      .where('task_id', '=', task.task_id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
