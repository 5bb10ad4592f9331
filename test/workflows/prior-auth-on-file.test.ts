import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const DAY = 86_400_000;

/** The 278 requests the exam sent, as its history shows them to a supervisor. */
async function priorAuthRequestsSent(examId: string): Promise<number> {
  const history = await d.call('GET', `/v1/exams/${examId}/history`, 'supervisor');
  expect(history.status).toBe(200);
  return (history.body.timeline as { kind: string; summary: string }[]).filter((e) => e.kind === 'document-sent' && e.summary.includes('(278)')).length;
}

/** Waits until the exam's history shows `n` 278 requests sent (the task opens before the request goes out). */
async function waitForRequests(examId: string, n: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  let sent = await priorAuthRequestsSent(examId);
  while (sent < n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    sent = await priorAuthRequestsSent(examId);
  }
  return sent;
}

async function outbound278Count(): Promise<number> {
  const rows = await h.database.db.selectFrom('x12_documents').select('id').where('direction', '=', 'outbound').where('transaction_type', '=', '278').execute();
  return rows.length;
}

test('authorization on file: the next exam of the same patient uses it without a 278, until its units are used up', async () => {
  const patient = { payerId: 'medicare-advantage', memberId: 'MA-31001' };
  // First exam: the payer pends the 278, staff obtain the authorization for two units.
  const first = await d.intake(patient);
  const task = await d.openTask(first, 'prior-auth-obtain');
  expect(task.context).toMatchObject({ decision: 'needed', reason: 'no authorization on file for this patient and payer' });
  expect(await waitForRequests(first, 1)).toBe(1);
  const now = await d.now();
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const approved = await d.resolve(task.taskId, 'front_desk', { action: 'approved', authNumber: 'AUTH-2UNITS', validFrom: iso(now), validTo: iso(now + 60 * DAY), cpts: ['72148'], units: 2 });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ exam: { phase: 'awaiting_exam' } });
  await d.waitFor(first, () => true, 'first exam settled');

  // Second exam, same patient: the authorization on file covers it.
  const second = await d.intake(patient);
  const onFile = await d.waitPhase(second, 'awaiting_exam');
  expect(onFile.openTasks).toEqual([]);
  expect(await d.tasks(second)).toEqual([]);
  expect(await priorAuthRequestsSent(second)).toBe(0);
  expect(await outbound278Count()).toBe(1);
  // It was performed as authorized: no mismatch, on to the report.
  await d.performed(second);
  const performed = await d.waitPhase(second, 'awaiting_report');
  expect(performed.openTasks.filter((t) => t.type === 'prior-auth-mismatch')).toEqual([]);
  await d.record(second, 'prior-auth-on-file');

  // Third exam: both units are used, the payer is asked again and staff see why.
  const third = await d.intake(patient);
  const again = await d.openTask(third, 'prior-auth-obtain');
  expect(again.context).toMatchObject({ decision: 'needed', reason: 'no authorization on file matched: 72148 units-exhausted' });
  // The history shows the request once it is scheduled; the stored 278 follows when it has gone out.
  expect(await waitForRequests(third, 1)).toBe(1);
  const deadline = Date.now() + 30_000;
  while ((await outbound278Count()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await outbound278Count()).toBe(2);

  const used = await h.database.db.selectFrom('prior_authorization_uses').select(['exam_id', 'units']).orderBy('created_at').execute();
  expect(used).toEqual([{ exam_id: first, units: 1 }, { exam_id: second, units: 1 }]);
});

test('PAREQ: the 278 approval is kept on file for the patient; a second exam finds its units used and gets its own', async () => {
  const patient = { payerId: 'medicare-advantage', memberId: 'PAREQ-4242' };
  const first = await d.intake(patient);
  const ready = await d.waitPhase(first, 'awaiting_exam');
  expect(ready.openTasks).toEqual([]);
  const row = await h.database.db.selectFrom('prior_authorizations').select(['source', 'units_authorized', 'auth_number', 'document_id']).where('source_exam_id', '=', first).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ source: '278', units_authorized: 1 });
  expect(row.document_id).toMatch(/^x12_/);

  const second = await d.intake(patient);
  await d.waitPhase(second, 'awaiting_exam');
  expect(await waitForRequests(second, 1)).toBe(1);
  const own = await h.database.db.selectFrom('prior_authorizations').select(['auth_number']).where('source_exam_id', '=', second).executeTakeFirstOrThrow();
  expect(own.auth_number).not.toBe(row.auth_number);
  // The exam records the authorization's use right after it enters awaiting_exam.
  const usesOf = () => h.database.db.selectFrom('prior_authorization_uses').innerJoin('prior_authorizations', 'prior_authorizations.id', 'prior_authorization_uses.authorization_id')
    .select(['prior_authorization_uses.exam_id', 'prior_authorizations.auth_number']).where('prior_authorization_uses.exam_id', 'in', [first, second]).orderBy('prior_authorization_uses.created_at').execute();
  const deadline = Date.now() + 30_000;
  let used = await usesOf();
  while (used.length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    used = await usesOf();
  }
  expect(used).toEqual([{ exam_id: first, auth_number: row.auth_number }, { exam_id: second, auth_number: own.auth_number }]);

  // The claim carries the payer's authorization number (REF*G1) and is paid.
  await d.performed(first);
  await d.waitPhase(first, 'awaiting_report');
  await d.report(first);
  const paid = await d.waitFor(first, (e) => e.claims.some((c) => c.status === 'paid'), 'claim paid');
  const claimId = paid.claims[0]!.claimId;
  const x12 = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
  expect(x12.statusCode).toBe(200);
  expect(x12.body).toContain(`REF*G1*${row.auth_number}~`);
});

test('PADENY: the payer denies the 278; the exam waits for staff, nothing is kept on file', async () => {
  const examId = await d.intake({ payerId: 'medicare-advantage', memberId: 'PADENY-7' });
  const task = await d.openTask(examId, 'prior-auth-obtain');
  const deadline = Date.now() + 30_000;
  const answered = () => h.database.db.selectFrom('x12_documents').select('outcome').where('direction', '=', 'inbound').where('transaction_type', '=', '278').where('outcome', '=', 'prior-auth:denied').execute();
  while ((await answered()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await answered()).toHaveLength(1);
  // The denial stops the payer-response clock; the exam stays with staff (appeal or cancel).
  const exam = await d.waitFor(examId, (e) => !e.nextTimers.some((t) => t.kind === 'prior-auth-response'), 'denial applied');
  expect(exam.phase).toBe('prior_auth');
  expect(exam.openTasks.map((t) => t.type)).toEqual(['prior-auth-obtain']);
  expect(await h.database.db.selectFrom('prior_authorizations').select('id').where('source_exam_id', '=', examId).execute()).toEqual([]);
  // The work queue shows the denial on the same task, with the payer's reason.
  const shown = async () => (await d.call('GET', `/v1/tasks/${task.taskId}`, 'front_desk')).body as { status: string; context: Record<string, unknown> };
  let row = await shown();
  while (row.context.decision !== 'denied' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    row = await shown();
  }
  expect(row).toMatchObject({ status: 'open', context: { decision: 'denied', reason: expect.any(String) } });
});

test('a cancelled exam that was not performed gives its authorization unit back: the next exam uses it without a 278', async () => {
  const patient = { payerId: 'medicare-advantage', memberId: 'MA-31077' };
  // Exam A: staff obtain an authorization for one unit, which A takes.
  const a = await d.intake(patient);
  const task = await d.openTask(a, 'prior-auth-obtain');
  expect(await waitForRequests(a, 1)).toBe(1);
  const now = await d.now();
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const approved = await d.resolve(task.taskId, 'front_desk', { action: 'approved', authNumber: 'AUTH-1UNIT', validFrom: iso(now), validTo: iso(now + 60 * DAY), cpts: ['72148'], units: 1 });
  expect(approved.status).toBe(200);
  await d.waitPhase(a, 'awaiting_exam');
  const usesOf = (examId: string) => h.database.db.selectFrom('prior_authorization_uses').select('units').where('exam_id', '=', examId).execute();
  expect(await usesOf(a)).toEqual([{ units: 1 }]);
  const before278 = await outbound278Count();

  // A is cancelled before it is performed: its unit is given back.
  const cancelled = await d.call('POST', `/v1/exams/${a}/cancel`, 'front_desk', { reason: 'patient rescheduled' });
  expect(cancelled.status).toBe(200);
  await d.waitPhase(a, 'cancelled');
  const deadline = Date.now() + 30_000;
  while ((await usesOf(a)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await usesOf(a)).toEqual([]);

  // Exam B, same patient: the authorization on file covers it, no 278 goes out.
  const b = await d.intake(patient);
  const ready = await d.waitPhase(b, 'awaiting_exam');
  expect(ready.openTasks).toEqual([]);
  expect(await priorAuthRequestsSent(b)).toBe(0);
  expect(await outbound278Count()).toBe(before278);
  expect(await usesOf(b)).toEqual([{ units: 1 }]);
});
