import { signToken } from '../../api/tokens';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { sampleIntake } from '../support/intake-fixture';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

async function createExam(body: unknown, token = h.tokens.integration) {
  return h.app.inject({ method: 'POST', url: '/v1/exams', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

async function examsCount(): Promise<number> {
  const row = await h.database.db.selectFrom('exam_intakes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /v1/exams', () => {
  test('creates the exam: 201, Location, and the exam reads back with its phase', async () => {
    const res = await createExam(sampleIntake());
    expect(res.statusCode).toBe(201);
    const { examId } = res.json<{ examId: string }>();
    expect(examId).toMatch(/^ex_[0-9a-z]{20}$/);
    expect(res.headers.location).toBe(`/v1/exams/${examId}`);

    const got = await h.app.inject({ method: 'GET', url: `/v1/exams/${examId}`, headers: bearer(h.tokens.front_desk) });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ examId, phase: 'intake', status: 'open', order: { modality: 'MR', procedures: [{ cpt: '72148' }] }, coverages: [{ payerId: 'medicare-b' }] });
  });

  test('is idempotent on the accession number: same body, same exam; different body, 409', async () => {
    const body = sampleIntake();
    const first = await createExam(body);
    const again = await createExam(body);
    expect(again.statusCode).toBe(200);
    expect(again.json().examId).toBe(first.json().examId);
    const before = await examsCount();
    const changed = await createExam({ ...body, order: { ...body.order, procedures: [{ cpt: '70553' }] } });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('accession_conflict');
    expect(await examsCount()).toBe(before);
  });

  test.each([
    ['malformed JSON', '{"accessionNumber": ', 'application/json', 400, 'malformed_json'],
    ['an unknown field', JSON.stringify({ ...sampleIntake(), favouriteColour: 'blue' }), 'application/json', 400, 'invalid_request'],
    ['an invalid NPI', JSON.stringify({ ...sampleIntake(), order: { ...sampleIntake().order, orderingProviderNpi: '1234567890' } }), 'application/json', 400, 'invalid_request'],
    ['a missing patient', JSON.stringify({ ...sampleIntake(), patient: undefined }), 'application/json', 400, 'invalid_request'],
    ['the wrong content type', 'accessionNumber=1', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
  ])('refuses %s with a JSON error and changes nothing', async (_what, payload, contentType, status, code) => {
    const before = await examsCount();
    const res = await h.app.inject({ method: 'POST', url: '/v1/exams', headers: { ...bearer(h.tokens.integration), 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await examsCount()).toBe(before);
  });

  test('names the invalid field in the error details', async () => {
    const body = sampleIntake();
    const res = await createExam({ ...body, patient: { ...body.patient, birthDate: '1961-02-30' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.patient.birthDate' })]));
  });
});

describe('authentication and roles', () => {
  test('no token: 401 with WWW-Authenticate', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/exams', payload: sampleIntake() });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json().error.code).toBe('unauthenticated');
  });

  test('an expired token: 401 token_expired', async () => {
    const expired = await signToken(h.config.auth.secret!, { sub: 'old', roles: ['integration'] }, '-1h');
    const res = await createExam(sampleIntake(), expired);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('token_expired');
  });

  test('a token signed with another key: 401', async () => {
    const forged = await signToken('x'.repeat(40), { sub: 'mallory', roles: ['supervisor'] });
    const res = await h.app.inject({ method: 'GET', url: '/v1/audit', headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
  });

  test('a role the route does not allow: 403, and the refusal is audited with the actor', async () => {
    const res = await createExam(sampleIntake(), h.tokens.coder);
    expect(res.statusCode).toBe(403);
    const audit = await h.app.inject({ method: 'GET', url: '/v1/audit?actor=user-coder', headers: bearer(h.tokens.supervisor) });
    expect(audit.json().items[0]).toMatchObject({ actorSub: 'user-coder', actorRoles: ['coder'], action: 'POST /v1/exams', statusCode: 403 });
  });

  test('the exam view is for staff; the audit trail for supervisors and admins', async () => {
    const created = await createExam(sampleIntake());
    const url = `/v1/exams/${created.json().examId}`;
    expect((await h.app.inject({ method: 'GET', url, headers: bearer(h.tokens.integration) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url, headers: bearer(h.tokens.coder) })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/v1/audit', headers: bearer(h.tokens.biller) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/v1/audit', headers: bearer(h.tokens.admin) })).statusCode).toBe(200);
  });
});

describe('GET /v1/exams/{examId}', () => {
  test.each(['ex_00000000000000000000', 'not-an-id', "x' OR 1=1"])('unknown id %s: 404', async (id) => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/exams/${encodeURIComponent(id)}`, headers: bearer(h.tokens.supervisor) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('POST /v1/exams/{examId}/cancel', () => {
  test('cancels once; the same request again answers as the first; another cancel is a 409; the exam shows cancelled', async () => {
    const { examId } = (await createExam(sampleIntake())).json<{ examId: string }>();
    const url = `/v1/exams/${examId}/cancel`;
    const first = await h.app.inject({ method: 'POST', url, headers: bearer(h.tokens.front_desk), payload: { reason: 'duplicate order' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ phase: 'cancelled', status: 'cancelled' });
    const retried = await h.app.inject({ method: 'POST', url, headers: bearer(h.tokens.front_desk), payload: { reason: 'duplicate order' } });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ phase: 'cancelled', cancellation: first.json().cancellation });
    const second = await h.app.inject({ method: 'POST', url, headers: bearer(h.tokens.front_desk), payload: { reason: 'patient moved away' } });
    expect(second.statusCode).toBe(409);
    const view = await h.app.inject({ method: 'GET', url: `/v1/exams/${examId}`, headers: bearer(h.tokens.supervisor) });
    expect(view.json()).toMatchObject({ phase: 'cancelled', cancellation: { reason: 'duplicate order' } });
  });

  test('an unknown exam: 404', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/exams/ex_00000000000000000000/cancel', headers: bearer(h.tokens.front_desk), payload: { reason: 'whatever' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('audit trail', () => {
  test('every state-changing request leaves a chained row; the chain verifies; rows cannot be altered', async () => {
    const created = await createExam(sampleIntake());
    const examId = created.json().examId as string;
    const res = await h.app.inject({ method: 'GET', url: `/v1/audit?objectType=exam&objectId=${examId}`, headers: bearer(h.tokens.supervisor) });
    expect(res.json().items).toEqual([expect.objectContaining({ actorSub: 'user-integration', action: 'POST /v1/exams', objectId: examId, statusCode: 201 })]);
    expect(JSON.stringify(res.json())).not.toContain('Lovelace');

    const verify = await h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.supervisor) });
    expect(verify.json()).toMatchObject({ valid: true });
    expect(verify.json().checked).toBeGreaterThan(3);

    await expect(h.database.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(h.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  test('pages with a cursor', async () => {
    const page1 = await h.app.inject({ method: 'GET', url: '/v1/audit?limit=2', headers: bearer(h.tokens.supervisor) });
    const { items, nextCursor } = page1.json();
    expect(items).toHaveLength(2);
    const page2 = await h.app.inject({ method: 'GET', url: `/v1/audit?limit=2&cursor=${nextCursor}`, headers: bearer(h.tokens.supervisor) });
    expect(Number(page2.json().items[0].id)).toBeLessThan(Number(items[1].id));
  });
});
