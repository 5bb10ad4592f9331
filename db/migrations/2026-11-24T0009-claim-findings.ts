import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // What the scrubber said about each claim of an exam when it was last coded: every finding (what is wrong,
  // where, how to fix it, whether the engine fixed it) and the reference data it was checked against.
  // Written by the coding activity before any claim exists; the claims API shows it with the claim.
  await db.schema
    .createTable('claim_scrub_findings')
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('claim_kind', 'text', (c) => c.notNull().check(sql`claim_kind in ('global', 'professional', 'technical')`))
    .addColumn('date_of_service', 'text', (c) => c.notNull())
    .addColumn('scrub_findings', 'jsonb', (c) => c.notNull())
    .addColumn('refdata_versions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('coded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('claim_scrub_findings_pkey', ['exam_id', 'claim_kind'])
    .execute();

  // Outbound files are found by name (an appeal file names its claim, version and level): prefix lookups.
  await sql`CREATE INDEX IF NOT EXISTS x12_documents_file_name_idx ON x12_documents (file_name text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS x12_documents_file_name_idx`.execute(db);
  await db.schema.dropTable('claim_scrub_findings').ifExists().execute();
}
