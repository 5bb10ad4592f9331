import { type QueryCreator, sql } from 'kysely';
import type { Database } from '../schema';
import type { Db } from '../database';

/** What the exam answered of a task it closed. */
export interface ClosedTaskAnswer {
  taskId: string;
  status: string;
  closedAt: string | null;
  resolutionAction: string | null;
  resolvedBy: string | null;
}

/**
 * A task the exam answered as closed (resolved), shown in the work queue at once: the exam's own record of the
 * transition follows and writes the same (its version guard lets it; an open row is the only one changed here,
 * so nothing newer is overwritten). A statement of its own, or part of one (`showExamAsAnswered`).
 */
export function taskClosedUpdate(q: QueryCreator<Database>, task: ClosedTaskAnswer) {
  return q
    .updateTable('tasks')
    .set({ status: task.status, closed_at: task.closedAt, resolution_action: task.resolutionAction, resolved_by: task.resolvedBy, updated_at: sql`now()` })
    .where('task_id', '=', task.taskId)
    .where('status', '=', 'open');
}

export async function showTaskClosed(db: Db, task: ClosedTaskAnswer): Promise<void> {
  if (task.status === 'open') return;
  await taskClosedUpdate(db, task).execute();
}
