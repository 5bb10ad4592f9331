import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Written appeal requests (Medicare redetermination, reconsideration, ALJ...; payer appeal letters; reopenings):
  // one per claim version and level (0: a reopening), its PDF in `documents`, recorded before it is filed.
  await db.schema
    .createTable('appeal_requests')
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level >= 0`))
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('level_name', 'text', (c) => c.notNull())
    .addColumn('vehicle', 'text', (c) => c.notNull())
    .addColumn('form', 'text')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('remittance_date', 'text', (c) => c.notNull().check(sql`remittance_date ~ '^\\d{4}-\\d{2}-\\d{2}$'`))
    .addColumn('deadline', 'text', (c) => c.notNull().check(sql`deadline ~ '^\\d{4}-\\d{2}-\\d{2}$'`))
    .addColumn('disputed_cents', 'bigint', (c) => c.notNull().check(sql`disputed_cents >= 0`))
    // prepared: the document is stored; filed: delivered to the payer electronically; to-send: staff send the PDF
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prepared', 'filed', 'to-send')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('filed_at', 'timestamptz')
    .addPrimaryKeyConstraint('appeal_requests_pkey', ['claim_id', 'version', 'level'])
    .execute();
  await db.schema.createIndex('appeal_requests_exam_idx').on('appeal_requests').columns(['exam_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appeal_requests').ifExists().execute();
}
