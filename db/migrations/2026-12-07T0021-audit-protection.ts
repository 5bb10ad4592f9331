import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * The application's database role: `rcm_app` (no login; the API, worker and HL7 logins are its members). The
 * tables stay owned by the role that migrates; `rcm_app` may read and write every table, and tables added later
 * by the same owner, except the audit trail (`audit_log`, `audit_checkpoints`): there only INSERT and SELECT.
 * Without ownership it can neither UPDATE, DELETE or TRUNCATE audit rows nor disable or drop their triggers.
 * An owner without CREATEROLE cannot create the role: the migration then only says so (a DBA creates `rcm_app`
 * and migrates again, or grants as SECURITY.md shows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rcm_app') THEN
        BEGIN
          CREATE ROLE rcm_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'role rcm_app not created (the migrating role may not create roles): see SECURITY.md';
          RETURN;
        END;
      END IF;
      GRANT USAGE ON SCHEMA public TO rcm_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rcm_app;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO rcm_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO rcm_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO rcm_app;
      REVOKE ALL ON audit_log, audit_checkpoints FROM rcm_app;
      GRANT SELECT, INSERT ON audit_log, audit_checkpoints TO rcm_app;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DO $$
    BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rcm_app') THEN
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM rcm_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM rcm_app;
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM rcm_app;
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM rcm_app;
      END IF;
    END $$`.execute(db);
}
