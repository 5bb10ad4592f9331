import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The coded lines of each exam for its date of service, kept by the coding activity, so that the edits that
  // look across a patient's exams of one date (NCCI pairs, MUE per date, duplicates, GG, MPPR) see the others.
  // The patient is stood for by keyed hashes (HMAC of the MRN at the facility and of each member id at its
  // payer): no MRN, member id, name or birth date is stored or compared here.
  await db.schema
    .createTable('same_day_lines')
    .addColumn('exam_id', 'text', (c) => c.primaryKey())
    .addColumn('date_of_service', 'text', (c) => c.notNull())
    .addColumn('patient_keys', sql`text[]`, (c) => c.notNull())
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('coded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX IF NOT EXISTS same_day_lines_patient_keys_idx ON same_day_lines USING gin (patient_keys)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS same_day_lines_date_idx ON same_day_lines (date_of_service)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('same_day_lines').ifExists().execute();
}
