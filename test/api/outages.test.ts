import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import net from 'node:net';
import { Client as PgClient } from 'pg';
import { buildApp } from '../../api/app';
import { signToken } from '../../api/tokens';
import { type Db, createDb } from '../../db/database';
import { migrateToLatest, waitForDatabase } from '../../db/migrate';
import { freePort } from '../../platform/free-port';
import type { Role } from '../../platform/roles';
import { type TestDatabase, createTestDatabase, testConfig } from '../support/test-env';
import { sampleIntake } from '../support/intake-fixture';

/**
 * The API while PostgreSQL or Temporal cannot be reached: an app whose pool and Temporal connection
 * point at ports nothing listens on answers 503 with Retry-After on every route, never 500.
 */
const config = testConfig({ API_UPDATE_DEADLINE_MS: '1500' });
const tokens = {} as Record<Role, string>;
const closed: { app?: FastifyInstance; db?: Db; temporal?: Client } = {};
const half: { app?: FastifyInstance; database?: TestDatabase; temporal?: Client } = {};

async function unreachableTemporal(): Promise<Client> {
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
  return new Client({ connection, namespace: 'default' });
}

beforeAll(async () => {
  for (const role of ['integration', 'front_desk', 'supervisor', 'biller', 'admin'] as const) tokens[role] = await signToken(config.auth.secret!, { sub: `user-${role}`, roles: [role] });
  closed.db = createDb(`postgres://rcm:rcm@127.0.0.1:${await freePort()}/nothing`, 2, { connectionTimeoutMs: 2000 });
  closed.temporal = await unreachableTemporal();
  closed.app = await buildApp({ config, db: closed.db, temporal: closed.temporal, logger: false });
  await closed.app.ready();

  half.database = await createTestDatabase();
  half.temporal = await unreachableTemporal();
  half.app = await buildApp({ config, db: half.database.db, temporal: half.temporal, logger: false });
  await half.app.ready();
});

afterAll(async () => {
  await closed.app?.close();
  await closed.db?.destroy();
  await closed.temporal?.connection.close();
  await half.app?.close();
  await half.temporal?.connection.close();
  await half.database?.drop();
});

const call = (app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, role: Role, payload?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

function expectUnavailable(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): void {
  expect(res.statusCode).toBe(503);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect((res.json() as { error: { code: string } }).error.code).toBe('temporarily_unavailable');
}

describe('PostgreSQL and Temporal unreachable', () => {
  test.each([
    ['POST', '/v1/exams', 'integration', sampleIntake()],
    ['GET', '/v1/exams/ex_00000000000000000001', 'supervisor', undefined],
    ['GET', '/v1/exams/ex_00000000000000000001/ledger', 'biller', undefined],
    ['POST', '/v1/exams/ex_00000000000000000001/performed', 'integration', { performedAt: '2026-11-25T14:00:00Z', placeOfService: '11', procedures: [{ cpt: '72148' }] }],
    ['POST', '/v1/exams/ex_00000000000000000001/cancel', 'front_desk', { reason: 'duplicate order' }],
    ['GET', '/v1/tasks', 'supervisor', undefined],
    ['GET', '/v1/tasks/t-1', 'supervisor', undefined],
    ['POST', '/v1/tasks/t-1/resolve', 'supervisor', { action: 'accept' }],
    ['GET', '/v1/claims', 'supervisor', undefined],
    ['GET', '/v1/payers', 'admin', undefined],
    ['GET', '/v1/audit', 'supervisor', undefined],
    ['GET', '/v1/reports/ar-aging', 'supervisor', undefined],
  ] as const)('%s %s: 503 with Retry-After', async (method, url, role, payload) => {
    expectUnavailable(await call(closed.app!, method, url, role, payload));
  });

  test('/readyz says not ready and names both; /healthz still answers', async () => {
    const ready = await closed.app!.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unavailable', temporal: 'unavailable' } });
    expect((await closed.app!.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('Temporal unreachable, PostgreSQL up', () => {
  test('an intake answers 503 with Retry-After (its accession number kept for the retry); /readyz names Temporal', async () => {
    const body = sampleIntake();
    const res = await call(half.app!, 'POST', '/v1/exams', 'integration', body);
    expectUnavailable(res);
    // the retry finds its reservation and starts the exam then (POST /v1/exams is idempotent on the accession number)
    const reserved = await half.database!.db.selectFrom('exam_intakes').select('exam_id').where('accession_number', '=', body.accessionNumber).execute();
    expect(reserved).toHaveLength(1);
    expect((await half.app!.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ checks: { database: 'ok', temporal: 'unavailable' } });
  });
});

describe('a PostgreSQL connection that dies', () => {
  test('a checked-out client whose backend is terminated fails its query; the process lives on and the pool serves the next query', async () => {
    const database = await createTestDatabase();
    const lost: Error[] = [];
    const db = createDb(database.url, 2, { onConnectionError: (err) => lost.push(err) });
    const admin = new PgClient({ connectionString: process.env.RCM_TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      const inTransaction = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // The client is checked out (a transaction holds it) and idle when its backend goes away.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        for (let i = 0; i < 100 && lost.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
        await sql`select 1`.execute(trx);
      });
      await expect(inTransaction).rejects.toThrow();
      expect(lost.length).toBeGreaterThan(0);
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await admin.end();
      await db.destroy();
      await database.drop();
    }
  });
});

describe('migrations wait for the database', () => {
  test('nothing listening: migrations give up after their bound with a clear message', async () => {
    const db = createDb(`postgres://rcm:rcm@127.0.0.1:${await freePort()}/nothing`, 1, { connectionTimeoutMs: 1000 });
    const waits: string[] = [];
    try {
      await expect(migrateToLatest(db, { timeoutMs: 1500, onWait: (reason) => waits.push(reason) })).rejects.toThrow(/did not accept connections within 2 s \(last: ECONNREFUSED\)/);
      expect(waits.length).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
  });

  test('a database that comes up while they wait: they go on once it accepts connections', async () => {
    const database = await createTestDatabase();
    const target = new URL(database.url);
    const port = await freePort();
    // A PostgreSQL "restarting" on `port`: nothing listens at first, then connections reach the real server.
    const proxy = net.createServer((socket) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    const url = new URL(database.url);
    url.port = String(port);
    const db = createDb(url.toString(), 1, { connectionTimeoutMs: 1000 });
    const waits: string[] = [];
    try {
      const waiting = waitForDatabase(db, { timeoutMs: 30_000, onWait: (reason) => waits.push(reason) });
      while (waits.length === 0) await new Promise((r) => setTimeout(r, 20));
      await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
      await expect(waiting).resolves.toBeUndefined();
      expect(waits[0]).toBe('ECONNREFUSED');
    } finally {
      await db.destroy();
      await new Promise((r) => proxy.close(r));
      await database.drop();
    }
  });
});
