import fc from 'fast-check';
import { seedPayerPolicy } from '../../domain/policy';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';

let h: ApiHarness;
let d: ExamDriver;
beforeAll(async () => {
  h = await startApiHarness();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const json = (token: string) => ({ ...bearer(token), 'content-type': 'application/json' });
const post = (url: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url, headers: { ...json(token), ...headers }, payload: JSON.stringify(body) });

async function intakesCount(): Promise<number> {
  const row = await h.database.db.selectFrom('exam_intakes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

type Intake = ReturnType<typeof sampleIntake>;
/** The intake with one string field replaced (path as the API names it, without `body.`). */
function withField(path: string, value: string): Intake {
  const body = JSON.parse(JSON.stringify(sampleIntake())) as Record<string, unknown>;
  const keys = path.split('.');
  let at = body as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
  return body as unknown as Intake;
}

function expectRefusedAt(res: { statusCode: number; json(): unknown }, path: string): void {
  expect(res.statusCode).toBe(400);
  const err = (res.json() as { error: { code: string; details: { path: string }[] } }).error;
  expect(err.code).toBe('invalid_request');
  expect(err.details.map((x) => x.path)).toContain(path);
}

describe('intake: control characters and over-long values are refused with the field path; nothing is recorded', () => {
  test.each([
    ['a NUL in the last name', 'patient.lastName', 'Love\u0000lace'],
    ['a bell in the address', 'patient.address.line1', '1 Main\u0007 St'],
    ['a C1 control in the city', 'patient.address.city', 'Spring\u009bfield'],
    ['a line break in the first name', 'patient.firstName', 'Ada\nMary'],
    ['an escape in the MRN', 'patient.mrn', 'MRN\u001b0001'],
    ['a last name longer than NM103 (60)', 'patient.lastName', 'L'.repeat(61)],
    ['a first name longer than NM104 (35)', 'patient.firstName', 'F'.repeat(36)],
    ['an address line longer than N301 (55)', 'patient.address.line1', 'A'.repeat(56)],
    ['a city longer than N401 (30)', 'patient.address.city', 'C'.repeat(31)],
    ['a member id longer than NM109 (80)', 'coverages.0.memberId', 'M'.repeat(81)],
    ['a group number longer than REF02/SBR03 (50)', 'coverages.0.groupNumber', 'G'.repeat(51)],
  ])('%s', async (_what, path, value) => {
    const body = withField(path, value);
    const before = await intakesCount();
    const res = await post('/v1/exams', h.tokens.integration, body);
    expectRefusedAt(res, `body.${path}`);
    expect(JSON.stringify(res.json())).not.toContain('Lovelace');
    expect(await intakesCount()).toBe(before);
    const reserved = await h.database.db.selectFrom('exam_intakes').select('exam_id').where('accession_number', '=', body.accessionNumber).executeTakeFirst();
    expect(reserved).toBeUndefined();
  });

  test('X12 delimiters in names and addresses are taken (the X12 builders escape them); a reason may span lines', async () => {
    const body = sampleIntake();
    body.patient = { ...body.patient, lastName: "O'Brien*Smith~", address: { ...body.patient.address, line1: '1 Main St: Apt ^2' } };
    body.order = { ...body.order, reason: 'low back pain\nradiating to the left leg' };
    const res = await post('/v1/exams', h.tokens.integration, body);
    expect(res.statusCode).toBe(201);
  });

  test('fuzz: any control character in any free-text field of the intake is a 400, never a 5xx, and records nothing', async () => {
    const fields = ['patient.lastName', 'patient.firstName', 'patient.mrn', 'patient.address.line1', 'patient.address.city', 'coverages.0.groupNumber', 'order.reason'];
    const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((c) => String.fromCharCode(c));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.string({ maxLength: 10 }), control, fc.string({ maxLength: 10 }), async (field, head, ctl, tail) => {
        // order.reason is free text of several lines: tabs and line breaks are its own
        fc.pre(!(field === 'order.reason' && ['\t', '\n', '\r'].includes(ctl)));
        const before = await intakesCount();
        const res = await post('/v1/exams', h.tokens.integration, withField(field, `A${head}${ctl}${tail}`));
        expect(res.statusCode).toBe(400);
        expect(await intakesCount()).toBe(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe('events: control characters refused before anything reaches the exam', () => {
  test('fuzz: cancel reasons and task notes with control characters are 400s and the exam stays as it was', async () => {
    const examId = await d.intake({ memberId: 'INACTIVE-FUZZ1' });
    const task = await d.openTask(examId, 'eligibility-review');
    const control = fc.oneof(fc.integer({ min: 0, max: 0x08 }), fc.integer({ min: 0x0b, max: 0x0c }), fc.integer({ min: 0x0e, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((c) => String.fromCharCode(c));
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), control, fc.boolean(), async (text, ctl, viaCancel) => {
        const value = `reason ${text}${ctl}`;
        const res = viaCancel
          ? await post(`/v1/exams/${examId}/cancel`, h.tokens.front_desk, { reason: value })
          : await post(`/v1/tasks/${task.taskId}/resolve`, h.tokens.front_desk, { action: 'cancel', reason: 'moved away', note: value });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details[0].path).toBe(viaCancel ? 'body.reason' : 'body.note');
      }),
      { numRuns: 30 },
    );
    const exam = await d.exam(examId);
    expect(exam).toMatchObject({ status: 'open', phase: 'eligibility' });
    expect(exam.openTasks.map((t) => t.taskId)).toContain(task.taskId);
  });

  test('a performed event with a control character in an event id or modifier: 400 with the path', async () => {
    const examId = await d.intake();
    const res = await post(`/v1/exams/${examId}/performed`, h.tokens.integration, {
      performedAt: '2026-11-25T14:00:00Z',
      placeOfService: '11',
      procedures: [{ cpt: '72148', modifiers: ['2\u00006'] }],
    });
    expectRefusedAt(res, 'body.procedures.0.modifiers.0');
  });

  test('a payer policy whose name holds a NUL: 400, the payer unchanged', async () => {
    const policy = { ...seedPayerPolicy('commercial-a'), name: 'Commercial\u0000A' };
    const res = await h.app.inject({ method: 'PUT', url: '/v1/payers/commercial-a', headers: json(h.tokens.admin), payload: JSON.stringify(policy) });
    expectRefusedAt(res, 'body.name');
    const row = await h.database.db.selectFrom('payers').select(['name', 'version']).where('payer_id', '=', 'commercial-a').executeTakeFirstOrThrow();
    expect(row.name).not.toContain('\u0000');
  });
});

describe('query and path parameters', () => {
  const nul = '%00';
  test.each([
    ['GET', `/v1/exams/ex_${nul}`, 'params.examId'],
    ['GET', `/v1/exams/ex_${nul}/ledger`, 'params.examId'],
    ['GET', `/v1/exams/ex_${nul}/history`, 'params.examId'],
    ['GET', `/v1/exams/ex_${nul}/documents`, 'params.examId'],
    ['GET', `/v1/exams/ex_a/documents/d${nul}`, 'params.documentId'],
    ['POST', `/v1/exams/ex_${nul}/cancel`, 'params.examId'],
    ['POST', `/v1/exams/ex_${nul}/performed`, 'params.examId'],
    ['POST', `/v1/exams/ex_${nul}/report`, 'params.examId'],
    ['POST', `/v1/exams/ex_${nul}/payments`, 'params.examId'],
    ['GET', `/v1/tasks?examId=${nul}`, 'querystring.examId'],
    ['GET', `/v1/tasks?assignee=a${nul}`, 'querystring.assignee'],
    ['GET', `/v1/tasks/t${nul}`, 'params.taskId'],
    ['POST', `/v1/tasks/t${nul}/claim`, 'params.taskId'],
    ['POST', `/v1/tasks/t${nul}/release`, 'params.taskId'],
    ['POST', `/v1/tasks/t${nul}/resolve`, 'params.taskId'],
    ['GET', `/v1/claims?status=${nul}`, 'querystring.status'],
    ['GET', `/v1/claims?payerId=p${nul}`, 'querystring.payerId'],
    ['GET', `/v1/claims/c${nul}`, 'params.claimId'],
    ['GET', `/v1/claims/c${nul}/x12`, 'params.claimId'],
    ['GET', `/v1/payers/p${nul}`, 'params.payerId'],
    ['GET', `/v1/audit?actor=${nul}`, 'querystring.actor'],
    ['GET', `/v1/audit?objectId=x${nul}`, 'querystring.objectId'],
    ['GET', `/v1/reports/ar-aging?asOf=2026-01-01${nul}`, 'querystring.asOf'],
  ] as const)('%s %s: 400 naming %s', async (method, url, path) => {
    const payload = method === 'POST' ? '{}' : undefined;
    const res = await h.app.inject({ method, url, headers: json(h.tokens.supervisor), ...(payload ? { payload } : {}) });
    // a role the route does not allow is refused first (403): the parameter never reaches a query either way
    if (res.statusCode === 403) return;
    expectRefusedAt(res, path);
  });

  test('cursors the API did not issue: 400, never a database error', async () => {
    const forged = Buffer.from(JSON.stringify([1e308, '1', 'a'])).toString('base64url');
    const tasks = await h.app.inject({ method: 'GET', url: `/v1/tasks?cursor=${forged}`, headers: bearer(h.tokens.supervisor) });
    expect(tasks.statusCode).toBe(400);
    expect(tasks.json().error.code).toBe('invalid_cursor');
    const audit = await h.app.inject({ method: 'GET', url: '/v1/audit?cursor=9999999999999999999', headers: bearer(h.tokens.supervisor) });
    expect(audit.statusCode).toBe(400);
    expect(audit.json().error.details[0].path).toBe('querystring.cursor');
    const claims = await h.app.inject({ method: 'GET', url: `/v1/claims?cursor=${Buffer.from('\u0000').toString('base64url')}`, headers: bearer(h.tokens.supervisor) });
    expect(claims.statusCode).toBe(400);
  });

  test('an Idempotency-Key that is not a plain key: 400 naming the header', async () => {
    const examId = await d.intake();
    const res = await post(`/v1/exams/${examId}/cancel`, h.tokens.front_desk, { reason: 'duplicate order' }, { 'idempotency-key': 'has space' });
    expectRefusedAt(res, 'headers.idempotency-key');
    expect((await d.exam(examId)).status).toBe('open');
  });
});

describe('malformed transport: a clear 4xx, never a 5xx', () => {
  test('a malformed percent-encoding in the codec cookie of an unauthenticated request: 401', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: { cookie: 'rcm_codec_token=%E0', 'content-type': 'application/json' }, payload: '{"payloads":[]}' });
    expect(res.statusCode).toBe(401);
  });

  test('multipart with no boundary, or cut inside a part: 4xx', async () => {
    const noBoundary = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'multipart/form-data' }, payload: 'whatever' });
    expect(noBoundary.statusCode).toBeGreaterThanOrEqual(400);
    expect(noBoundary.statusCode).toBeLessThan(500);
    const cut = await h.app.inject({
      method: 'POST',
      url: '/v1/remittances',
      headers: { ...bearer(h.tokens.integration), 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="era.835"\r\nContent-Type: application/edi-x12\r\n\r\nISA*00*          *00*',
    });
    expect(cut.statusCode).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);
  });
});
