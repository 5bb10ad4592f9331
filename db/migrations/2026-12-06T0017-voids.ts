import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Changes to a claim the payer has (a void, a correction by reopening request): one per claim version, ever,
  // recorded before it is sent (the X12 void goes out as that claim version through claim_submissions as well).
  await db.schema
    .createTable('claim_change_requests')
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('void', 'correction')`))
    .addColumn('vehicle', 'text', (c) => c.notNull().check(sql`vehicle in ('frequency-8', 'reopening-request', 'none')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    // the X12 document (frequency 8) or the rendered request (documents), none when nothing went to the payer
    .addColumn('document_id', 'text')
    .addColumn('payer_claim_number', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prepared', 'sent')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('claim_change_requests_pkey', ['claim_id', 'version'])
    .execute();
  await db.schema.createIndex('claim_change_requests_exam_idx').on('claim_change_requests').columns(['exam_id']).execute();

  // Medicare Part B as seeded before: one calendar year to file, and no frequency 7 or 8 on an 837P (reopening
  // requests). Only where the payer was never given its own vehicles or filing basis.
  await sql`UPDATE payers SET policy = jsonb_set(policy, '{claimChanges}', '{"void":"reopening-request","correction":"reopening-request"}'::jsonb)
    WHERE payer_id = 'medicare-b' AND NOT (policy ? 'claimChanges')`.execute(db);
  await sql`UPDATE payers SET policy = jsonb_set(policy, '{timelyFiling,basis}', '"one-calendar-year"'::jsonb)
    WHERE payer_id = 'medicare-b' AND policy ? 'timelyFiling' AND NOT (policy -> 'timelyFiling' ? 'basis')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('claim_change_requests').ifExists().execute();
}
