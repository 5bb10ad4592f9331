import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A `stalled-exam` task is opened by the watchdog, not by the exam's workflow: at most one open per exam.
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS tasks_one_open_stalled_exam_idx ON tasks (exam_id) WHERE type = 'stalled-exam' AND status = 'open'`.execute(db);
  // The watchdog's candidates: open exams, oldest change first.
  await sql`CREATE INDEX IF NOT EXISTS exams_open_updated_idx ON exams (updated_at) WHERE status = 'open'`.execute(db);

  // What the watchdog last saw of each exam it checked against Temporal (codes only): an exam unchanged since,
  // whose next timer is still ahead, is not asked again before that timer is due.
  await db.schema
    .createTable('exam_watchdog_checks')
    .addColumn('exam_id', 'text', (c) => c.primaryKey())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('exam_updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('healthy', 'stalled', 'inconclusive')`))
    .addColumn('healthy_until', 'timestamptz')
    .addColumn('acknowledged_until', 'timestamptz')
    .addColumn('seen', 'jsonb', (c) => c.notNull())
    .execute();

  // A supervisor's acknowledgment of a stalled exam: the plan (free text, kept here, not in the work queue's context).
  await db.schema
    .createTable('stalled_exam_acknowledgments')
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The last sweep of each watchdog (one row per watchdog name): /metrics reads it.
  await db.schema
    .createTable('watchdog_sweeps')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('swept_at', 'timestamptz', (c) => c.notNull())
    .addColumn('candidates', 'integer', (c) => c.notNull())
    .addColumn('checked', 'integer', (c) => c.notNull())
    .addColumn('stalled', 'integer', (c) => c.notNull())
    .addColumn('opened', 'integer', (c) => c.notNull())
    .addColumn('superseded', 'integer', (c) => c.notNull())
    .addColumn('inconclusive', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watchdog_sweeps').ifExists().execute();
  await db.schema.dropTable('stalled_exam_acknowledgments').ifExists().execute();
  await db.schema.dropTable('exam_watchdog_checks').ifExists().execute();
  await sql`DROP INDEX IF EXISTS exams_open_updated_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_one_open_stalled_exam_idx`.execute(db);
}
