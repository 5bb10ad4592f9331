import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Prior authorizations on file, from 278 approvals and staff. One row per payer and number; the
  // patient key (a digest of MRN, payer and member id) finds a patient's authorizations without
  // storing the identifiers again.
  await db.schema
    .createTable('prior_authorizations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('auth_number', 'text', (c) => c.notNull())
    .addColumn('patient_key', 'text', (c) => c.notNull())
    .addColumn('cpts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cpt_family', 'text')
    .addColumn('units_authorized', 'integer', (c) => c.notNull().check(sql`units_authorized > 0`))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('approved', 'pending', 'denied', 'expired', 'cancelled')`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('278', 'staff')`))
    .addColumn('source_exam_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.references('x12_documents.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('prior_authorizations_payer_number_key', ['payer_id', 'auth_number'])
    .addCheckConstraint('prior_authorizations_window_check', sql`valid_from <= valid_to`)
    .execute();
  await db.schema.createIndex('prior_authorizations_patient_idx').on('prior_authorizations').columns(['patient_key', 'payer_id']).execute();

  // The units each exam uses of an authorization: one row per exam, so an exam consumes once.
  await db.schema
    .createTable('prior_authorization_uses')
    .addColumn('authorization_id', 'bigint', (c) => c.notNull().references('prior_authorizations.id'))
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull().check(sql`units > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('prior_authorization_uses_pkey', ['authorization_id', 'exam_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('prior_authorization_uses').ifExists().execute();
  await db.schema.dropTable('prior_authorizations').ifExists().execute();
}
