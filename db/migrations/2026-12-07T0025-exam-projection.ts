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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE exams DROP COLUMN IF EXISTS exam_view_seq`.execute(db);
  await sql`ALTER TABLE exams DROP COLUMN IF EXISTS exam_view`.execute(db);
}
