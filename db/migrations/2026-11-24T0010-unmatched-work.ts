import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/** As of this migration: `remittance-unmatched` work is due 48 hours after it opens, in the biller queue, normal priority (rank 2). */
const DUE_HOURS = 48;
const NORMAL_RANK = 2;

export async function up(db: Kysely<unknown>): Promise<void> {
  // Work that belongs to no exam (a claim payment no claim of ours owns, an 835 for a cancelled exam)
  // is a row of the work queue too: its exam id is empty.
  await sql`ALTER TABLE tasks ALTER COLUMN exam_id DROP NOT NULL`.execute(db);

  // Each unmatched claim is one task of the work queue; what a biller decided is kept with it.
  await db.schema.alterTable('unmatched_remittance_claims').addColumn('task_id', 'text').execute();
  await db.schema.alterTable('unmatched_remittance_claims').addColumn('resolution', 'jsonb').execute();
  await db.schema.alterTable('unmatched_remittance_claims').addColumn('resolved_by', 'text').execute();
  await db.schema.alterTable('unmatched_remittance_claims').addColumn('resolved_at', 'timestamptz').execute();
  await sql`UPDATE unmatched_remittance_claims SET task_id = 'rmu_' || id WHERE task_id IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS unmatched_remittance_claims_task_idx ON unmatched_remittance_claims (task_id)`.execute(db);

  // Unmatched claims recorded before: open work from now on.
  await sql`
    INSERT INTO tasks (task_id, exam_id, type, queue, priority, priority_rank, claim_id, status, escalated, due_at, opened_at, context, version)
    SELECT u.task_id, NULL, 'remittance-unmatched', 'biller', 'normal', ${NORMAL_RANK}, NULL, 'open', false,
           u.created_at + make_interval(hours => ${DUE_HOURS}), u.created_at,
           jsonb_build_object(
             'source', 'unmatched-remittance', 'transactionType', u.transaction_type, 'payerId', u.payer_id,
             'traceNumber', u.trace_number, 'claimReference', u.claim_reference, 'chargeCents', u.charge_cents,
             'paidCents', u.paid_cents, 'documentId', u.document_id, 'reason', u.reason, 'examId', NULL),
           0
    FROM unmatched_remittance_claims u
    WHERE u.status = 'open'
    ON CONFLICT (task_id) DO NOTHING`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM tasks WHERE exam_id IS NULL`.execute(db);
  await sql`DROP INDEX IF EXISTS unmatched_remittance_claims_task_idx`.execute(db);
  for (const c of ['resolved_at', 'resolved_by', 'resolution', 'task_id']) {
    await db.schema.alterTable('unmatched_remittance_claims').dropColumn(c).execute();
  }
  await sql`ALTER TABLE tasks ALTER COLUMN exam_id SET NOT NULL`.execute(db);
}
