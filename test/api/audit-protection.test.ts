import { sql } from 'kysely';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';

/**
 * The API and the worker connect as the application's role: it reads and writes the engine's tables, but may
 * only append to and read the audit trail. Someone holding its password (a compromised process, a leaked
 * environment) cannot rewrite, remove or unprotect audit rows.
 */
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

async function sqlState(statement: string): Promise<string | undefined> {
  try {
    await sql.raw(statement).execute(h.database.appDb);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

test('the processes run as a role that owns nothing, not the role that migrated', async () => {
  const app = await sql<{ user: string; super: boolean }>`SELECT current_user AS user, rolsuper AS super FROM pg_roles WHERE rolname = current_user`.execute(h.database.appDb);
  const owner = await sql<{ user: string }>`SELECT current_user AS user`.execute(h.database.db);
  expect(app.rows[0]).toEqual({ user: 'rcm_app_test', super: false });
  expect(owner.rows[0]!.user).not.toBe('rcm_app_test');
  const owned = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')`.execute(h.database.appDb);
  expect(owned.rows[0]!.n).toBe(0);
});

test('connected as the application role, the audit trail cannot be changed, emptied or unprotected (42501), and the chain still verifies', async () => {
  // some rows to protect: a change by an admin, and a checkpoint over them
  const res = await h.app.inject({ method: 'PUT', url: '/v1/payers/medicare-b', headers: bearer(h.tokens.admin), payload: { id: 'nope' } });
  expect(res.statusCode).toBe(422);
  const { checkpointKey, writeCheckpoint } = await import('../../db/repositories/audit-checkpoints');
  expect(await writeCheckpoint(h.database.appDb, checkpointKey(undefined, h.config.payloadKeys.current)!)).toBeDefined();

  const refused: Record<string, string | undefined> = {};
  for (const table of ['audit_log', 'audit_checkpoints']) {
    for (const statement of [
      `UPDATE ${table} SET at = at`,
      `DELETE FROM ${table}`,
      `TRUNCATE ${table}`,
      `ALTER TABLE ${table} DISABLE TRIGGER USER`,
      `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
      `DROP TRIGGER ${table === 'audit_log' ? 'audit_log_no_update' : 'audit_checkpoints_no_change'} ON ${table}`,
      `DROP FUNCTION ${table === 'audit_log' ? 'audit_log_append_only' : 'audit_checkpoints_append_only'}() CASCADE`,
      `DROP TABLE ${table}`,
    ]) refused[statement] = await sqlState(statement);
  }
  expect(Object.entries(refused).filter(([, code]) => code !== '42501')).toEqual([]);

  // what the application does need still works: it appends and reads, and the chain and its checkpoint verify
  const verify = await h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.supervisor) });
  expect(verify.json()).toMatchObject({ valid: true, checkpoints: { valid: true, checkpoints: 1 } });
  const rows = await h.database.db.selectFrom('audit_log').select('id').execute();
  expect(rows.length).toBeGreaterThan(0);
});
