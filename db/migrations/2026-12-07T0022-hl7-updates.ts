import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The patient of each exam by a keyed hash of the MRN (HMAC under the PHI lookup key, never the MRN itself):
  // how a registration update (ADT) finds the open exams of its patient. Filled when an exam is first looked for.
  await db.schema
    .createTable('hl7_patient_index')
    .ifNotExists()
    .addColumn('exam_id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('patient_lookup', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX IF NOT EXISTS hl7_patient_index_lookup_idx ON hl7_patient_index (patient_lookup, facility_id)`.execute(db);
  // What a message that was taken came to, in words without PHI (e.g. "no open exam of this patient").
  await sql`ALTER TABLE hl7_messages ADD COLUMN IF NOT EXISTS note text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE hl7_messages DROP COLUMN IF EXISTS note`.execute(db);
  await db.schema.dropTable('hl7_patient_index').ifExists().execute();
}
