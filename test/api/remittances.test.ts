import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../activities/clearinghouse/filedrop';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { respondToClaimFile, type SandboxResponseFile } from '../../domain/sandbox-payer';
import { examWorkflowId } from '../../workflows/names';
import { claimSubmission, insertExam } from '../activities/claim-fixture';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { sampleIntake } from '../support/intake-fixture';

let h: ApiHarness;
let dir: string;
beforeAll(async () => {
  h = await startApiHarness();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-remit-api-'));
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function answeredClaim(examId: string): Promise<Record<string, SandboxResponseFile>> {
  const sent = await createSubmitClaim({ db: h.database.db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
  const files = respondToClaimFile(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
  return Object.fromEntries(files.map((f) => [f.transactionType, f]));
}

const post = (url: string, body: string, token = h.tokens.integration, type = 'application/edi-x12') =>
  h.app.inject({ method: 'POST', url, headers: { ...bearer(token), 'content-type': type }, payload: body });

/** An exam whose workflow runs (scheduled ahead: it waits for the exam to be performed), with a claim sent for it. */
async function runningExam(): Promise<string> {
  const base = sampleIntake();
  const created = await h.app.inject({ method: 'POST', url: '/v1/exams', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/json' }, payload: JSON.stringify({ ...base, order: { ...base.order, scheduledAt: '2031-01-15T14:00:00Z' } }) });
  expect(created.statusCode).toBe(201);
  const { examId } = created.json<{ examId: string }>();
  for (let i = 0; i < 100 && !(await h.database.db.selectFrom('exams').select('exam_id').where('exam_id', '=', examId).executeTakeFirst()); i += 1) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return examId;
}

type Accepted = { fileId: string; statusUrl: string; status: string; duplicate: boolean; transactionType: string };
type FileStatus = { status: string; claims: { claimReference: string; examId: string | null; claimId: string | null; claimStatus: string | null; outcome: string | null; signaled: boolean }[] };

/** The file's status URL read until its delivery is done. */
async function delivered(statusUrl: string, token = h.tokens.biller): Promise<FileStatus> {
  for (let i = 0; i < 300; i += 1) {
    const res = await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const body = res.json<FileStatus>();
    if (body.status === 'delivered' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

describe('POST /v1/remittances', () => {
  it('takes an 835: 202 with the status URL, which shows the claim delivered; the same file again is the same file, delivered once', async () => {
    const examId = await runningExam();
    const files = await answeredClaim(examId);
    const first = await post('/v1/remittances', files['835']!.x12);
    expect(first.statusCode).toBe(202);
    const body = first.json<Accepted>();
    expect(body).toMatchObject({ duplicate: false, transactionType: '835', payerId: 'medicare-b', status: 'received', statusUrl: `/v1/remittances/${body.fileId}` });
    expect(first.headers.location).toBe(body.statusUrl);
    const status = await delivered(body.statusUrl);
    expect(status.claims).toEqual([expect.objectContaining({ claimReference: `${examId}-G`, examId, claimId: `${examId}-G`, claimStatus: 'paid', outcome: 'signaled', signaled: true })]);

    const again = await post('/v1/remittances', files['835']!.x12, h.tokens.biller, 'text/plain');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, fileId: body.fileId, status: 'delivered' });
    // delivered once: one line of the claim's history from the 835
    const history = await h.database.db.selectFrom('claim_status_history').select('status').where('claim_id', '=', `${examId}-G`).where('source', '=', '835').execute();
    expect(history).toEqual([{ status: 'paid' }]);
    // the status of an 835 is not an acknowledgment's, and the roles are the upload's
    expect((await h.app.inject({ method: 'GET', url: `/v1/acknowledgments/${body.fileId}`, headers: bearer(h.tokens.biller) })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: body.statusUrl, headers: bearer(h.tokens.front_desk) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/v1/remittances/x12_doesnotexist', headers: bearer(h.tokens.biller) })).statusCode).toBe(404);
  });

  it('answers malformed X12 with 422 naming the segment position', async () => {
    const res = await post('/v1/remittances', 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *261201*0900*^*00501*000000001*0*T*:~GS*HP*A*B*20261201*0900*1*X*005010X221A1~CLP*1~');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'x12_unreadable', details: { segmentPosition: 3, segmentId: 'CLP' } } });
    expect(res.json<{ error: { message: string } }>().error.message).toContain('segment 3');
  });

  it('refuses garbage, an empty body, a 999 on the remittance route, and the wrong role', async () => {
    expect((await post('/v1/remittances', '\u0000\u0001 not x12 at all')).statusCode).toBe(422);
    expect((await post('/v1/remittances', '')).statusCode).toBe(400);
    const examId = await insertExam(h.database.db);
    const files = await answeredClaim(examId);
    const wrong = await post('/v1/remittances', files['999']!.x12);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: { details: { code: 'WRONG_TRANSACTION_TYPE' } } });
    expect((await post('/v1/remittances', files['835']!.x12, h.tokens.front_desk)).statusCode).toBe(403);
  });

  it('refuses an 835 with a NUL byte inside an element with 422, and stores nothing', async () => {
    const examId = await insertExam(h.database.db);
    const files = await answeredClaim(examId);
    const withNul = files['835']!.x12.replace('CLP*', 'CLP*\u0000');
    const before = await h.database.db.selectFrom('x12_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('direction', '=', 'inbound').executeTakeFirstOrThrow();
    const res = await post('/v1/remittances', withNul);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'x12_unreadable', details: { code: 'NUL_CHARACTER' } } });
    const after = await h.database.db.selectFrom('x12_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('direction', '=', 'inbound').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('POST /v1/acknowledgments', () => {
  it('routes a 999 and a 277CA to the claim, and the signals reach the running exam workflow', async () => {
    const examId = await runningExam();
    const files = await answeredClaim(examId);
    const ack = await post('/v1/acknowledgments', files['999']!.x12);
    expect(ack.statusCode).toBe(202);
    expect(ack.json()).toMatchObject({ transactionType: '999' });
    expect((await delivered(ack.json<Accepted>().statusUrl)).claims).toEqual([expect.objectContaining({ claimId: `${examId}-G`, examId, outcome: 'signaled', signaled: true })]);
    const ca = await post('/v1/acknowledgments', files['277CA']!.x12, h.tokens.biller);
    expect((await delivered(ca.json<Accepted>().statusUrl)).claims).toEqual([expect.objectContaining({ claimStatus: 'accepted', signaled: true })]);
    const remit = await post('/v1/remittances', files['835']!.x12);
    expect((await delivered(remit.json<Accepted>().statusUrl)).claims).toEqual([expect.objectContaining({ signaled: true })]);

    // A signal that arrives while a workflow task runs enters the history when that task completes,
    // and the exam may continue as new meanwhile: read every run, oldest first, until all are there.
    const readSignals = async (): Promise<string[]> => {
      const names: string[] = [];
      let runId: string | undefined;
      do {
        const history = await h.env.client.workflow.getHandle(examWorkflowId(examId), runId).fetchHistory();
        names.unshift(...(history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).map((e) => e.workflowExecutionSignaledEventAttributes!.signalName!));
        runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
      } while (runId);
      return names;
    };
    let signals = await readSignals();
    for (let i = 0; i < 100 && signals.length < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      signals = await readSignals();
    }
    expect(signals).toEqual(['claimAcknowledged', 'claimAcknowledged', 'remittanceReceived']);
    expect((await post('/v1/remittances', files['835']!.x12)).json()).toMatchObject({ duplicate: true });
  });

  it('refuses a 999 of 100,000 segments with 422 before storing it', async () => {
    const examId = await insertExam(h.database.db);
    const files = await answeredClaim(examId);
    const huge = files['999']!.x12.replace(/AK2\*837\*[^~]*~\s*IK5\*[^~]*~\s*/, 'AK2*837*9999*005010X222A1~IK5*A~'.repeat(50_000));
    const before = await h.database.db.selectFrom('x12_documents').select(h.database.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const tasksBefore = await h.database.db.selectFrom('tasks').select('task_id').where('type', '=', 'remittance-unmatched').execute();
    const res = await post('/v1/acknowledgments', huge);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'file_over_limit', details: { code: 'TOO_MANY_SEGMENTS' } } });
    const after = await h.database.db.selectFrom('x12_documents').select(h.database.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await h.database.db.selectFrom('tasks').select('task_id').where('type', '=', 'remittance-unmatched').execute()).toEqual(tasksBefore);
  });
});

describe('multipart upload', () => {
  it('takes the 835 as the file of a multipart/form-data upload', async () => {
    const examId = await runningExam();
    const files = await answeredClaim(examId);
    const boundary = 'rcmboundary7MA4YWxkTrZu0gW';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="remit 835.x12"',
      'Content-Type: application/edi-x12',
      '',
      files['835']!.x12,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.biller), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ transactionType: '835' });
    const status = await delivered(res.json<Accepted>().statusUrl);
    expect(status.claims).toEqual([expect.objectContaining({ claimId: `${examId}-G`, claimStatus: 'paid' })]);
    const doc = await h.database.db.selectFrom('x12_documents').select(['file_name', 'raw']).where('id', '=', res.json<Accepted>().fileId).executeTakeFirstOrThrow();
    expect(doc).toEqual({ file_name: 'remit_835.x12', raw: files['835']!.x12 });
  });

  it('answers a multipart upload without its boundary with 400', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.biller), 'content-type': 'multipart/form-data' }, payload: 'ISA*00~' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
