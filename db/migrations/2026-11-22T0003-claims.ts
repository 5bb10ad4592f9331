import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A never-repeating counter per name (ISA13/GS06/ST02 of outbound interchanges).
  await db.schema
    .createTable('x12_control_numbers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'bigint', (c) => c.notNull().check(sql`last_value between 0 and 999999999`))
    .execute();
  await sql`INSERT INTO x12_control_numbers (name, last_value) VALUES ('interchange', 0)`.execute(db);

  // Every X12 file the engine sent or received, exactly as it was on the wire.
  await db.schema
    .createTable('x12_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('outbound', 'inbound')`))
    .addColumn('transaction_type', 'text', (c) => c.notNull())
    .addColumn('interchange_control_number', 'text')
    .addColumn('group_control_number', 'text')
    .addColumn('transaction_control_numbers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('payer_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('x12_documents_sha_idx').on('x12_documents').columns(['direction', 'sha256']).execute();
  await db.schema.createIndex('x12_documents_type_idx').on('x12_documents').columns(['transaction_type', 'created_at']).execute();

  await db.schema
    .createTable('claims')
    .addColumn('claim_id', 'text', (c) => c.primaryKey())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('837P', '837I')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('global', 'professional', 'technical')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('charge_cents', 'bigint', (c) => c.notNull())
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('patient_responsibility_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('date_of_service', 'text', (c) => c.notNull())
    .addColumn('payer_claim_number', 'text')
    .addColumn('first_submitted_at', 'timestamptz')
    .addColumn('last_submitted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('claims_exam_idx').on('claims').columns(['exam_id']).execute();
  await db.schema.createIndex('claims_status_idx').on('claims').columns(['status', 'claim_id']).execute();
  await db.schema.createIndex('claims_payer_idx').on('claims').columns(['payer_id', 'claim_id']).execute();

  // The idempotency key of submission: one row per claim id and version, ever.
  await db.schema
    .createTable('claim_submissions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('interchange_control_number', 'text', (c) => c.notNull())
    .addColumn('transaction_control_number', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    /** the workflow's request (coded lines, no demographics): an appeal re-sends it as a replacement */
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prepared', 'sent')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('claim_submissions_claim_version_key', ['claim_id', 'version'])
    .execute();
  await db.schema.createIndex('claim_submissions_st_idx').on('claim_submissions').columns(['transaction_control_number']).execute();

  await db.schema
    .createTable('claim_status_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('status_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('claim_status_history_claim_idx').on('claim_status_history').columns(['claim_id', 'id']).execute();

  // One row per payment advice: a second identical 835 finds its row and changes nothing.
  await db.schema
    .createTable('remittances')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('trace_number', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .addColumn('payment_cents', 'bigint', (c) => c.notNull())
    .addColumn('payment_date', 'text')
    .addColumn('claim_count', 'integer', (c) => c.notNull())
    .addColumn('matched_count', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('remittances_payer_trace_key', ['payer_id', 'trace_number'])
    .execute();

  // `remittance-unmatched` work: a claim payment no claim of ours owns.
  await db.schema
    .createTable('unmatched_remittance_claims')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('x12_documents.id'))
    .addColumn('transaction_type', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text')
    .addColumn('trace_number', 'text')
    .addColumn('claim_reference', 'text', (c) => c.notNull())
    .addColumn('charge_cents', 'bigint')
    .addColumn('paid_cents', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('unmatched_remittance_claims_key', ['document_id', 'claim_reference'])
    .execute();
  await db.schema.createIndex('unmatched_remittance_claims_status_idx').on('unmatched_remittance_claims').columns(['status', 'id']).execute();

  // Every file taken from the filedrop inbox, with what became of it (one row per receipt).
  await db.schema
    .createTable('inbound_files')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('processed', 'duplicate', 'quarantined')`))
    .addColumn('document_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inbound_files_sha_idx').on('inbound_files').columns(['sha256']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['inbound_files', 'unmatched_remittance_claims', 'remittances', 'claim_status_history', 'claim_submissions', 'claims', 'x12_documents', 'x12_control_numbers']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
