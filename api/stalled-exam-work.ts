import { acknowledgeStalledExamTask, type StalledExamTaskRow } from '../db/repositories/stalled-exams';
import type { Db } from '../db/database';
import { parseTaskResolution } from '../domain/lifecycle';
import { stalledExamDueHours } from '../activities/watchdog/sweep-stalled-exams';
import { ApiError, notFound } from './errors';

/** A `stalled-exam` task is opened by the watchdog, not by the exam's workflow: it is resolved here. */
export const isStalledExamWork = (task: { type: string }): boolean => task.type === 'stalled-exam';

/**
 * A supervisor acknowledges a stalled exam with a plan (`acknowledge`, `plan`, optional `note`): validated (422),
 * once (409 when no longer open), recorded on the task (action, who, when) with the plan kept beside it. The
 * watchdog opens no new task for the exam for the task's due hours unless the exam changes.
 */
export async function resolveStalledExamWork(db: Db, taskId: string, body: unknown, resolvedBy: string, now = new Date()): Promise<StalledExamTaskRow> {
  const parsed = parseTaskResolution('stalled-exam', body);
  if (!parsed.ok) throw new ApiError(422, 'invalid_event', 'invalid resolution for stalled-exam', parsed.issues);
  const r = parsed.resolution;
  const outcome = await acknowledgeStalledExamTask(db, {
    taskId,
    plan: r.plan,
    note: r.note ?? null,
    by: resolvedBy,
    at: now,
    quietHours: stalledExamDueHours(),
  });
  if (outcome === 'not-found') throw notFound('task');
  if (outcome === 'not-open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
  return outcome;
}
