import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * Appends audit rows in one statement: takes the chain lock, reads the chain's last hash and inserts the rows in
 * order, each chained by hash onto the one before (sha256 over the previous hash, a newline and the row's canonical
 * JSON, which the caller sends as base64). Each statement of a volatile PL/pgSQL function takes its own snapshot, so
 * the last hash is read after the lock is held, even in READ COMMITTED. Run alone it commits on its own: one round
 * trip instead of a transaction of five. SECURITY INVOKER: the caller needs INSERT on `audit_log`, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION audit_log_append(lock_key bigint, entries jsonb)
    RETURNS TABLE (row_id bigint, row_prev_hash text, row_hash text)
    LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      e jsonb;
      prev text;
      h text;
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key);
      SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
      prev := coalesce(prev, repeat('0', 64));
      FOR e IN SELECT value FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(value, n) ORDER BY n LOOP
        h := encode(sha256(convert_to(prev, 'UTF8') || decode('0a', 'hex') || decode(e->>'canonical', 'base64')), 'hex');
        INSERT INTO audit_log (at, actor_sub, actor_roles, action, object_type, object_id, request_id, status_code, details, prev_hash, hash)
        VALUES (
          (e->>'at')::timestamptz, e->>'actor_sub', ARRAY(SELECT jsonb_array_elements_text(e->'actor_roles')), e->>'action',
          e->>'object_type', e->>'object_id', e->>'request_id', (e->>'status_code')::integer, e->'details', prev, h
        )
        RETURNING id INTO row_id;
        row_prev_hash := prev;
        row_hash := h;
        RETURN NEXT;
        prev := h;
      END LOOP;
    END $$
  `.execute(db);
  // Functions are executable by everyone unless a DBA revoked that: the application's role is granted it by name.
  await sql`DO $$
    BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rcm_app') THEN
        GRANT EXECUTE ON FUNCTION audit_log_append(bigint, jsonb) TO rcm_app;
      END IF;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS audit_log_append(bigint, jsonb)`.execute(db);
}
