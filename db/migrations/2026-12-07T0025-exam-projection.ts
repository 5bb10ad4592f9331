import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * What the exam read answers beside its phase and tasks, as the exam's workflow last recorded it with a transition:
 * its next timers, its claims as the lifecycle sees them (version, status, first submission, appeal level, patient
 * responsibility), its balances, its report status and its cancellation. Null until the exam records a transition
 * with it (exams from before record it at their next transition; until then the read asks the workflow).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE exams ADD COLUMN IF NOT EXISTS exam_view jsonb`.execute(db);
  await sql`ALTER TABLE exams ADD COLUMN IF NOT EXISTS exam_view_seq integer`.execute(db);
  // Work queues list open tasks in priority, due-time order. A floor that works its queues keeps few tasks open among
  // many closed: lists over several queues (a role's, a supervisor's) and by task type walk the open ones only.
  await sql`CREATE INDEX IF NOT EXISTS tasks_open_order_idx ON tasks (priority_rank, due_at, task_id) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS tasks_open_type_order_idx ON tasks (type, priority_rank, due_at, task_id) WHERE status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_open_type_order_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_open_order_idx`.execute(db);
  await sql`ALTER TABLE exams DROP COLUMN IF EXISTS exam_view_seq`.execute(db);
  await sql`ALTER TABLE exams DROP COLUMN IF EXISTS exam_view`.execute(db);
}
