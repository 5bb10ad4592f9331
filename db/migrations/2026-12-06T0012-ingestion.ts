import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An inbound payer file (835, 999, 277CA) is stored first, then delivered by its ingestion workflow: its status
  // and counts are read here by `GET /v1/remittances/{fileId}` and `GET /v1/acknowledgments/{fileId}`.
  await db.schema
    .createTable('ingestion_files')
    .addColumn('file_id', 'text', (c) => c.primaryKey().references('x12_documents.id'))
    .addColumn('transaction_type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'delivering', 'delivered', 'failed')`))
    .addColumn('payer_id', 'text')
    .addColumn('trace_number', 'text')
    .addColumn('claim_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('unmatched_task_id', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ingestion_files_status_idx').on('ingestion_files').columns(['status', 'received_at']).execute();

  // What makes two inbound files the same file: their bytes (`sha256:<hash>`) and, for an 835, each payer and
  // trace number it carries (`835:<payer>:<trace>`). The first file to claim a key owns it.
  await db.schema
    .createTable('ingestion_file_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .execute();

  // One row per claim payment or acknowledgment of a file, with where it went; `outcome` null = not yet delivered.
  await db.schema
    .createTable('ingestion_items')
    .addColumn('file_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .addColumn('item_index', 'integer', (c) => c.notNull())
    .addColumn('claim_reference', 'text', (c) => c.notNull())
    .addColumn('trace_number', 'text')
    .addColumn('exam_id', 'text')
    .addColumn('claim_id', 'text')
    .addColumn('claim_version', 'integer')
    .addColumn('claim_status', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('signaled', 'reopened', 'already-posted', 'exam-ended', 'unmatched')`))
    .addColumn('reason', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addPrimaryKeyConstraint('ingestion_items_pkey', ['file_id', 'item_index'])
    .execute();
  // A claim is delivered after its exam's claims of files received earlier: the pending claims of an exam, looked up.
  await sql`CREATE INDEX ingestion_items_pending_exam_idx ON ingestion_items (exam_id) WHERE outcome IS NULL`.execute(db);

  // The unmatched claims of one file are one work item: several rows share a task.
  await sql`DROP INDEX IF EXISTS unmatched_remittance_claims_task_idx`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS unmatched_remittance_claims_task_idx ON unmatched_remittance_claims (task_id)`.execute(db);

  // Files taken before: delivered, and their identity kept so that the same file again is a repeat.
  await sql`
    INSERT INTO ingestion_files (file_id, transaction_type, source, status, payer_id, received_at, delivered_at, updated_at)
    SELECT d.id, d.transaction_type, d.source, 'delivered', d.payer_id, d.created_at, d.created_at, d.created_at
    FROM x12_documents d
    WHERE d.direction = 'inbound' AND d.transaction_type IN ('835', '999', '277CA')
    ON CONFLICT (file_id) DO NOTHING`.execute(db);
  await sql`
    INSERT INTO ingestion_file_keys (key, file_id)
    SELECT '835:' || r.payer_id || ':' || r.trace_number, r.document_id FROM remittances r
    ON CONFLICT (key) DO NOTHING`.execute(db);
  await sql`
    INSERT INTO ingestion_file_keys (key, file_id)
    SELECT DISTINCT ON (d.sha256) 'sha256:' || d.sha256, d.id FROM x12_documents d
    WHERE d.direction = 'inbound' AND d.transaction_type IN ('835', '999', '277CA')
    ORDER BY d.sha256, d.created_at
    ON CONFLICT (key) DO NOTHING`.execute(db);
  // filedrop receipts: a file recovered from processing/ is recorded too
  await sql`ALTER TABLE inbound_files DROP CONSTRAINT IF EXISTS inbound_files_status_check`.execute(db);
  await sql`ALTER TABLE inbound_files ADD CONSTRAINT inbound_files_status_check CHECK (status in ('processed', 'duplicate', 'quarantined', 'recovered'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM inbound_files WHERE status = 'recovered'`.execute(db);
  await sql`ALTER TABLE inbound_files DROP CONSTRAINT IF EXISTS inbound_files_status_check`.execute(db);
  await sql`ALTER TABLE inbound_files ADD CONSTRAINT inbound_files_status_check CHECK (status in ('processed', 'duplicate', 'quarantined'))`.execute(db);
  await sql`DROP INDEX IF EXISTS unmatched_remittance_claims_task_idx`.execute(db);
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS unmatched_remittance_claims_task_idx ON unmatched_remittance_claims (task_id)`.execute(db);
  for (const t of ['ingestion_items', 'ingestion_file_keys', 'ingestion_files']) await db.schema.dropTable(t).ifExists().execute();
}
