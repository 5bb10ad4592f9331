import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The sandbox payer's own record of the claim files it received, with the answers it made of each
  // (999, 277CA, 835): one row per file name, ever, so a restarted process never processes a file twice.
  await db.schema
    .createTable('sandbox_received_files')
    .addColumn('file_name', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'text')
    .addColumn('responses', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    // a sender delivering the answers holds this lease; another waits for it, or takes over once it has lapsed
    .addColumn('delivering_until', 'timestamptz')
    .execute();
  await db.schema.createIndex('sandbox_received_files_claim_idx').on('sandbox_received_files').columns(['claim_id']).execute();

  // The filedrop's sent ledger: a file is staged (complete, beside the outbox), then moved into the
  // outbox and marked sent; the transfer agent emptying the outbox never makes it go out again.
  await db.schema
    .createTable('filedrop_sent_files')
    .addColumn('file_name', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('staged', 'sent')`))
    .addColumn('staged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();

  // Appeals: one per claim version and level, ever (the appeal file is recorded before it is sent).
  await db.schema
    .createTable('appeal_submissions')
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prepared', 'sent')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('appeal_submissions_pkey', ['claim_id', 'version', 'level'])
    .execute();

  // Real-time requests (270, 276, 278): one per request key, ever; the stored answer is what a retry returns.
  await db.schema
    .createTable('real_time_requests')
    .addColumn('request_key', 'text', (c) => c.primaryKey())
    .addColumn('transaction_type', 'text', (c) => c.notNull().check(sql`transaction_type in ('270', '276', '278')`))
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('request_document_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .addColumn('answer_document_id', 'text', (c) => c.references('x12_documents.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prepared', 'answered', 'no-response')`))
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('real_time_requests_exam_idx').on('real_time_requests').columns(['exam_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['real_time_requests', 'appeal_submissions', 'filedrop_sent_files', 'sandbox_received_files']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
