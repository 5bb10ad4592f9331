import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/** The counters of outbound X12 control numbers and their sequences, as of this migration. */
const COUNTERS = [
  ['interchange', 'x12_interchange_control_seq'],
  ['appeal-review', 'x12_appeal_review_control_seq'],
] as const;

/**
 * Outbound X12 control numbers (ISA13/GS06/ST02) come from sequences instead of a row per counter. The row was
 * locked from the number's update until its transaction committed (a claim's whole outbox transaction), so every
 * claim, appeal and real-time request waited for the one before; `nextval` never waits. A number taken by a
 * transaction that rolls back is skipped, none is given twice. Each sequence starts after the counter's last value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, sequence] of COUNTERS) {
    await sql`CREATE SEQUENCE ${sql.id(sequence)} AS bigint MINVALUE 1 MAXVALUE 999999999 NO CYCLE`.execute(db);
    await sql`SELECT setval(${sequence}, coalesce((SELECT last_value FROM x12_control_numbers WHERE name = ${name}), 0) + 1, false)`.execute(db);
  }
  await sql`DROP TABLE x12_control_numbers`.execute(db);
  // Sequences created by the migrating role are the application role's by default privileges (audit protection);
  // granted by name as well, for a database whose defaults a DBA changed.
  await sql`DO $$
    BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rcm_app') THEN
        GRANT USAGE, SELECT ON SEQUENCE x12_interchange_control_seq, x12_appeal_review_control_seq TO rcm_app;
      END IF;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE x12_control_numbers (name text PRIMARY KEY, last_value bigint NOT NULL CHECK (last_value BETWEEN 0 AND 999999999))`.execute(db);
  for (const [name, sequence] of COUNTERS) {
    // a sequence never used has is_called false: its last value is the one before its start
    await sql`INSERT INTO x12_control_numbers (name, last_value)
      SELECT ${name}, CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${sql.id(sequence)}`.execute(db);
    await sql`DROP SEQUENCE ${sql.id(sequence)}`.execute(db);
  }
}
