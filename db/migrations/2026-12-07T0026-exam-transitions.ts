import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * The exam's transitions as its workflow records them, one row per transition of a run: what caused it (event,
 * actor, resolved task), the phase, status and tasks it left, and its readable effects. Codes and ids only, no
 * patient data. The supervisor's timeline reads them here; transitions recorded before this table existed are
 * read from the run's Temporal history, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS exam_transitions (
      exam_id text NOT NULL,
      run_id text NOT NULL,
      seq integer NOT NULL,
      at timestamptz NOT NULL,
      record jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (exam_id, run_id, seq)
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS exam_transitions`.execute(db);
}
