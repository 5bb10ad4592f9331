import { sql } from 'kysely';
import { appendAudit, verifyAuditChain, type AuditEntry } from '../../db/repositories/audit-log';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

/**
 * Audit rows appended outside a transaction by many requests at once share one chain lock and one commit. Each
 * request still gets back its own committed row, the chain verifies, and a row PostgreSQL refuses fails only the
 * request that wrote it.
 */
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

const entry = (requestId: string, action = 'exam.read'): AuditEntry => ({
  actorSub: 'staff-1',
  actorRoles: ['biller'],
  action,
  objectType: 'exam',
  objectId: requestId,
  requestId,
  statusCode: 200,
  details: { outcome: 'ok' },
});

test('300 appends at once: every caller gets its own committed row, ids follow the chain, and the chain verifies', async () => {
  const ids = Array.from({ length: 300 }, (_, k) => `group-${k}-${Date.now()}`);
  const rows = await Promise.all(ids.map((id) => appendAudit(h.database.appDb, entry(id))));
  const stored = await h.database.db.selectFrom('audit_log').select(['id', 'request_id', 'hash', 'prev_hash']).where('request_id', 'in', ids).orderBy('id').execute();
  expect(stored).toHaveLength(300);
  const byRequest = new Map(stored.map((r) => [r.request_id, r]));
  for (const row of rows) {
    const s = byRequest.get(row.requestId)!;
    expect([String(s.id), s.hash, s.prev_hash]).toEqual([row.id, row.hash, row.prevHash]);
  }
  for (let k = 1; k < stored.length; k += 1) {
    if (Number(stored[k]!.id) === Number(stored[k - 1]!.id) + 1) expect(stored[k]!.prev_hash).toBe(stored[k - 1]!.hash);
  }
  expect(await verifyAuditChain(h.database.appDb)).toMatchObject({ valid: true });
});

test('a row PostgreSQL refuses fails its own caller only; the others of its group are committed', async () => {
  const db = h.database.db;
  await sql.raw(`CREATE OR REPLACE FUNCTION test_audit_refuses() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.action = 'refused.one' THEN RAISE EXCEPTION 'audit write failed'; END IF; RETURN NEW; END $$`).execute(db);
  await sql`CREATE TRIGGER test_audit_refuses BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_refuses()`.execute(db);
  try {
    const ids = Array.from({ length: 40 }, (_, k) => `mixed-${k}-${Date.now()}`);
    const outcomes = await Promise.allSettled(ids.map((id, k) => appendAudit(h.database.appDb, entry(id, k === 7 ? 'refused.one' : 'exam.read'))));
    expect(outcomes.map((o) => o.status)).toEqual(ids.map((_, k) => (k === 7 ? 'rejected' : 'fulfilled')));
    const stored = await db.selectFrom('audit_log').select('request_id').where('request_id', 'in', ids).execute();
    expect(stored.map((r) => r.request_id).sort()).toEqual(ids.filter((_, k) => k !== 7).sort());
  } finally {
    await sql`DROP TRIGGER test_audit_refuses ON audit_log`.execute(db);
  }
  expect(await verifyAuditChain(h.database.appDb)).toMatchObject({ valid: true });
});

test('two processes appending at once (two pools, and rows in callers\' transactions) keep one unbroken chain', async () => {
  // Each pool stands for a process: its own group commits, racing the other's for the chain lock.
  const pools = [h.database.appDb, h.database.db];
  const ids = Array.from({ length: 240 }, (_, k) => `race-${k}-${Date.now()}`);
  await Promise.all(
    ids.map((id, k) =>
      k % 10 === 9
        ? pools[k % 2]!.transaction().execute((trx) => appendAudit(trx, entry(id)))
        : appendAudit(pools[k % 2]!, entry(id)),
    ),
  );
  const stored = await h.database.db.selectFrom('audit_log').select(['request_id', 'prev_hash']).where('request_id', 'in', ids).execute();
  expect(stored).toHaveLength(240);
  // A row that read a stale last hash would share its previous hash with another row: the chain would fork.
  const all = await h.database.db.selectFrom('audit_log').select('prev_hash').execute();
  expect(new Set(all.map((r) => r.prev_hash)).size).toBe(all.length);
  expect(await verifyAuditChain(h.database.appDb)).toMatchObject({ valid: true });
});
