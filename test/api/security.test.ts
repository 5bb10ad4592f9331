import { SignJWT } from 'jose';
import { signToken } from '../../api/tokens';
import { createTokenVerifier } from '../../api/plugins/auth';
import { parseConfig } from '../../platform/config';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { testConfig } from '../support/test-env';

const SECRET = 'x'.repeat(40);
const auth = (extra: Partial<ReturnType<typeof testConfig>['auth']> = {}) => ({ secret: SECRET, algorithms: ['RS256'], rolesClaim: 'roles', ...extra });
const key = new TextEncoder().encode(SECRET);

describe('bearer tokens', () => {
  test('a token without an expiry (exp) is refused', async () => {
    const noExp = await new SignJWT({ roles: ['biller'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').sign(key);
    await expect(createTokenVerifier(auth()).verify(noExp)).rejects.toMatchObject({ statusCode: 401, message: expect.stringMatching(/no expiry/) });
  });

  test('roles are read from the configured claim; a bare roles claim is not enough when another is configured', async () => {
    const nested = await new SignJWT({ realm_access: { roles: ['coder'] }, roles: ['supervisor'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u2').setExpirationTime('5m').sign(key);
    expect((await createTokenVerifier(auth({ rolesClaim: 'realm_access.roles' })).verify(nested)).roles).toEqual(['coder']);
    expect((await createTokenVerifier(auth()).verify(nested)).roles).toEqual(['supervisor']);
  });

  test('issuer and audience are checked when configured', async () => {
    const token = await signToken(SECRET, { sub: 'u3', roles: ['biller'] }, '5m', { issuer: 'https://idp.example', audience: 'other-app' });
    await expect(createTokenVerifier(auth({ issuer: 'https://idp.example', audience: 'imaging-rcm' })).verify(token)).rejects.toMatchObject({ statusCode: 401 });
    const ours = await signToken(SECRET, { sub: 'u3', roles: ['biller'] }, '5m', { issuer: 'https://idp.example', audience: 'imaging-rcm' });
    expect((await createTokenVerifier(auth({ issuer: 'https://idp.example', audience: 'imaging-rcm' })).verify(ours)).sub).toBe('u3');
  });

  test('production needs an issuer and an audience, and a JWKS only over https', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', TEMPORAL_ADDRESS: 't:7233', PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'), PAYLOAD_KEY_ID: 'k1' };
    expect(() => parseConfig({ ...prod, JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/JWT_ISSUER.*required in production|JWT_AUDIENCE/s);
    expect(() => parseConfig({ ...prod, JWT_JWKS_URL: 'http://idp.example/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toThrow(/https/);
    expect(() => parseConfig({ JWT_JWKS_URL: 'http://idp.example/jwks' })).toThrow(/https/);
    expect(parseConfig({ JWT_JWKS_URL: 'http://localhost:8080/jwks' }).auth.jwksUrl).toBe('http://localhost:8080/jwks');
    expect(parseConfig({ ...prod, JWT_JWKS_URL: 'https://idp.example/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }).auth.algorithms).toEqual(['RS256', 'ES256', 'PS256']);
    expect(() => parseConfig({ JWT_ALGORITHMS: 'HS256,none' })).toThrow(/JWT_ALGORITHMS/);
  });
});

describe('the door: limits before authentication, refused requests counted, ids ours', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '12', API_RATE_LIMIT_PER_MINUTE: '6' });
  });
  afterAll(async () => h?.close());

  const auditCount = async () => Number((await h.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  test('a flood of requests with bad tokens is limited per address before any token is verified (429 with Retry-After), and writes no audit row each', async () => {
    const before = await auditCount();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/exams', headers: { authorization: `Bearer not-a-token-${i}` }, payload: {}, remoteAddress: '203.0.113.7' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12).every((s) => s === 429)).toBe(true);
    expect(await auditCount()).toBe(before);
    // the counts are kept and written as one row
    const tally = h.app.refusedTally.drain();
    expect(tally).toMatchObject({ outcome: 'refused', total: 20 });
    // another address is not affected
    const other = await h.app.inject({ method: 'GET', url: '/v1/tasks', headers: bearer(h.tokens.biller), remoteAddress: '203.0.113.8' });
    expect(other.statusCode).toBe(200);
  });

  test('one user is limited per verified subject whatever spelling of the token', async () => {
    const token = h.tokens.coder;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const header = i % 2 === 0 ? `Bearer ${token}` : `bearer   ${token}`;
      statuses.push((await h.app.inject({ method: 'GET', url: '/v1/tasks', headers: { authorization: header }, remoteAddress: `198.51.100.${i + 1}` })).statusCode);
    }
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  test('X-Forwarded-For is not believed unless a proxy is configured, and X-Request-Id is always the server\'s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/payers', headers: { 'x-forwarded-for': `192.0.2.${i}`, 'x-request-id': 'chosen-by-client-0001' }, remoteAddress: '203.0.113.50' });
      statuses.push(res.statusCode);
      expect(res.headers['x-request-id']).not.toBe('chosen-by-client-0001');
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe('secrets only where they are needed', () => {
  test('the worker is not given the token secret, and needs none in production', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', TEMPORAL_ADDRESS: 't:7233', PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'), PAYLOAD_KEY_ID: 'k1' };
    expect(parseConfig({ ...prod, JWT_SECRET: 'y'.repeat(40) }, 'worker').auth.secret).toBeUndefined();
    expect(() => parseConfig(prod, 'worker')).not.toThrow();
    expect(() => parseConfig(prod, 'api')).toThrow(/JWT_SECRET or JWT_JWKS_URL/);
  });

  test('the actor-signing key goes to the API only, its public keys and the owner connection to the worker only', () => {
    const env = {
      DATABASE_URL: 'postgres://app@db/rcm', DATABASE_MIGRATION_URL: 'postgres://owner@db/rcm',
      ACTOR_SIGNING_KEY: `k2:${Buffer.alloc(32, 7).toString('base64')}`, ACTOR_VERIFY_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')},k2:${Buffer.alloc(32, 2).toString('base64')}`,
    };
    const api = parseConfig(env, 'api');
    const worker = parseConfig(env, 'worker');
    expect([api.actorAssertion.signingKey?.kid, api.actorAssertion.verifyKeys, api.database.migrationUrl]).toEqual(['k2', [], undefined]);
    expect([worker.actorAssertion.signingKey, worker.actorAssertion.verifyKeys.map((k) => k.kid), worker.database.migrationUrl]).toEqual([undefined, ['k1', 'k2'], 'postgres://owner@db/rcm']);
    expect(() => parseConfig({ ACTOR_VERIFY_KEYS: 'k1:not-a-key' })).toThrow(/ACTOR_VERIFY_KEYS/);
  });
});

describe('least privilege: PHI reads audited, objects checked', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h?.close());

  test('reading an exam is written to the audit trail (who, which exam); another queue\'s task is not shown; a task assigned to another is not resolved by them', async () => {
    const { ExamDriver } = await import('../support/exam-driver');
    const d = new ExamDriver(h);
    const examId = await d.intake({ memberId: 'INACTIVE-2001' });
    const task = await d.openTask(examId, 'eligibility-review');
    const read = await h.app.inject({ method: 'GET', url: `/v1/exams/${examId}`, headers: bearer(h.tokens.biller) });
    expect(read.statusCode).toBe(200);
    const rows = await h.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', String(read.headers['x-request-id'])).execute();
    expect(rows).toEqual([expect.objectContaining({ actor_sub: 'user-biller', action: 'GET /v1/exams/:examId', object_type: 'exam', object_id: examId, status_code: 200 })]);

    // eligibility-review is the front desk's: a coder does not see it (404, as if absent); the front desk does.
    expect((await h.app.inject({ method: 'GET', url: `/v1/tasks/${task.taskId}`, headers: bearer(h.tokens.coder) })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/v1/tasks/${task.taskId}`, headers: bearer(h.tokens.front_desk) })).statusCode).toBe(200);

    // Assigned to a supervisor: the front desk may not resolve it under them.
    expect((await h.app.inject({ method: 'POST', url: `/v1/tasks/${task.taskId}/claim`, headers: bearer(h.tokens.supervisor) })).statusCode).toBe(200);
    const resolve = await h.app.inject({ method: 'POST', url: `/v1/tasks/${task.taskId}/resolve`, headers: bearer(h.tokens.front_desk), payload: { action: 'self-pay' } });
    expect(resolve.statusCode).toBe(409);
    expect(resolve.json().error.code).toBe('task_assigned');
  });

  test('a change that stays in PostgreSQL is written with its audit row in one transaction: one row, committed with it', async () => {
    const { seedPayerPolicy } = await import('../../domain/policy');
    const policy = { ...seedPayerPolicy('commercial-b') };
    const res = await h.app.inject({ method: 'PUT', url: '/v1/payers/commercial-b', headers: bearer(h.tokens.admin), payload: policy });
    expect(res.statusCode).toBe(200);
    const rows = await h.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', String(res.headers['x-request-id'])).orderBy('id').execute();
    expect(rows.map((r) => [r.status_code, r.object_id, r.actor_sub])).toEqual([[200, 'commercial-b', 'user-admin']]);
    const payer = await h.database.db.selectFrom('payers').select(['version', 'updated_at']).where('payer_id', '=', 'commercial-b').executeTakeFirstOrThrow();
    expect(payer.version).toBe(2);
    // the row and the change share one commit: the audit row was written inside the change's transaction
    expect(Math.abs(new Date(rows[0]!.at).getTime() - payer.updated_at.getTime())).toBeLessThan(5000);
  });

  test('a change PostgreSQL refuses inside its transaction leaves only the refusal in the trail', async () => {
    const { ExamDriver } = await import('../support/exam-driver');
    const d = new ExamDriver(h);
    const examId = await d.intake({ memberId: 'INACTIVE-2002' });
    const task = await d.openTask(examId, 'eligibility-review');
    expect((await h.app.inject({ method: 'POST', url: `/v1/tasks/${task.taskId}/claim`, headers: bearer(h.tokens.supervisor) })).statusCode).toBe(200);
    const res = await h.app.inject({ method: 'POST', url: `/v1/tasks/${task.taskId}/claim`, headers: bearer(h.tokens.front_desk) });
    expect(res.statusCode).toBe(409);
    const rows = await h.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', String(res.headers['x-request-id'])).execute();
    expect(rows.map((r) => r.status_code)).toEqual([409]);
    const row = await h.database.db.selectFrom('tasks').select('assignee').where('task_id', '=', task.taskId).executeTakeFirstOrThrow();
    expect(row.assignee).toBe('user-supervisor');
  });

  test('a change that goes through Temporal is recorded as intended before it is delivered, and with its outcome after', async () => {
    const { ExamDriver } = await import('../support/exam-driver');
    const d = new ExamDriver(h);
    const examId = await d.intake({ memberId: 'INACTIVE-2003' });
    await d.openTask(examId, 'eligibility-review');
    const res = await h.app.inject({ method: 'POST', url: `/v1/exams/${examId}/cancel`, headers: bearer(h.tokens.front_desk), payload: { reason: 'patient moved away' } });
    expect(res.statusCode).toBe(200);
    const rows = await h.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', String(res.headers['x-request-id'])).orderBy('id').execute();
    expect(rows.map((r) => r.status_code)).toEqual([102, 200]);
  });

  test('a repeated accession number with another body answers 409 without the other exam\'s id', async () => {
    const { sampleIntake } = await import('../support/intake-fixture');
    const first = sampleIntake({ accessionNumber: 'ACC-SEC-0001' });
    const a = await h.app.inject({ method: 'POST', url: '/v1/exams', headers: bearer(h.tokens.integration), payload: first });
    expect(a.statusCode).toBe(201);
    const b = await h.app.inject({ method: 'POST', url: '/v1/exams', headers: bearer(h.tokens.integration), payload: { ...first, order: { ...first.order, priority: 'stat' } } });
    expect(b.statusCode).toBe(409);
    expect(b.body).not.toContain(a.json().examId);
  });
});

describe('the audit chain is anchored by signed checkpoints', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h?.close());

  test('rows removed from the end of the chain pass the chain check alone, and fail against the last signed checkpoint', async () => {
    const { checkpointKey, writeCheckpoint } = await import('../../db/repositories/audit-checkpoints');
    const { sql } = await import('kysely');
    const db = h.database.db;
    for (let i = 0; i < 3; i += 1) await h.app.inject({ method: 'PUT', url: '/v1/payers/medicare-b', headers: bearer(h.tokens.admin), payload: { id: 'nope' } });
    const key = checkpointKey(undefined, h.config.payloadKeys.current)!;
    expect(await writeCheckpoint(db, key)).toBeDefined();
    const verify = async () => (await h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.supervisor) })).json();
    expect(await verify()).toMatchObject({ valid: true, checkpoints: { valid: true, checkpoints: 1 } });

    // Someone with the database's owner rights removes the last row (the triggers off for a moment).
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
    await sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE action <> 'GET /v1/audit/verify')`.execute(db);
    await sql`DELETE FROM audit_log WHERE id > (SELECT max(id) FROM audit_log WHERE action <> 'GET /v1/audit/verify') AND action = 'GET /v1/audit/verify'`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
    const after = await verify();
    expect(after.checkpoints).toMatchObject({ valid: false, problem: { reason: 'row-missing' } });
    expect(after.valid).toBe(false);

    // A checkpoint cannot be rewritten to match: the table is append-only and the signature needs the key.
    await expect(sql`UPDATE audit_checkpoints SET last_audit_id = 1`.execute(db)).rejects.toThrow(/append-only/);
  });
});
