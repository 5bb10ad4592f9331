import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * A task the exam answered as closed (resolved), shown in the work queue at once: the exam's own record of the
 * transition follows and writes the same (its version guard lets it; an open row is the only one changed here,
 * so nothing newer is overwritten).
 */
export async function showTaskClosed(db: Db, task: { taskId: string; status: string; closedAt: string | null; resolutionAction: string | null; resolvedBy: string | null }): Promise<void> {
  if (task.status === 'open') return;
  await db
    .updateTable('tasks')
    .set({ status: task.status, closed_at: task.closedAt, resolution_action: task.resolutionAction, resolved_by: task.resolvedBy, updated_at: sql`now()` })
    .where('task_id', '=', task.taskId)
    .where('status', '=', 'open')
    .execute();
}
