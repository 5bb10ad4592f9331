/**
 * Records the histories of exams in flight under the current workflow code: each exam is driven
 * through the API to a point where it waits (a phase, an open task, a pending timer), its running
 * history is fetched from the server and written to `test/replay/histories/inflight-<name>.json`,
 * then the exam is terminated. The replay test (`exam-replay.test.ts`, part of `npm test`) replays
 * every file there against the code being changed: exams live 120+ days, so the next release must
 * take over the exams running now.
 *
 * Run at each release, on the released code: `npm run record:inflight` (not part of `npm test`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { claimAccessionNumber } from '../../db/repositories/exams';
import { respondToClaimFile } from '../../domain/sandbox-payer';
import { examWorkflow } from '../../workflows';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { examStatusQuery } from '../../workflows/exam/messages';
import { examWorkflowId } from '../../workflows/names';
import { type ApiHarness, bearer } from '../support/api-harness';
import { ExamDriver, type ExamJson } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';
import { settled } from '../support/test-env';
import { REPLAY_CONFIG } from './replay-key';

const DAY = 86_400_000;

let h: ApiHarness;
let d: ExamDriver;

const timerKinds = (e: ExamJson) => e.nextTimers.map((t) => t.kind);
const taskTypes = (e: ExamJson) => e.openTasks.map((t) => t.type);

/**
 * Once the exam is idle (no activity or workflow task in flight), checks what a user would see,
 * writes the running history and ends the exam (its waiting timers must not move the shared clock).
 */
async function capture(examId: string, name: string, expected: { phase: string; tasks?: string[]; timers?: string[] }): Promise<void> {
  const handle = h.env.client.workflow.getHandle(examWorkflowId(examId));
  await settled(handle);
  const exam = await d.exam(examId);
  expect(exam.phase).toBe(expected.phase);
  expect(taskTypes(exam)).toEqual(expect.arrayContaining(expected.tasks ?? []));
  expect(timerKinds(exam)).toEqual(expect.arrayContaining(expected.timers ?? []));
  expect((await handle.describe()).status.name).toBe('RUNNING');
  await d.saveHistory(examId, `inflight-${name}`);
  await handle.terminate('in-flight history recorded');
}

/** Performed and finally reported now: the exam goes on to coding and billing. */
async function performedAndReported(examId: string): Promise<void> {
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId)).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId)).status).toBe(200);
}

describe('exams in flight on a sandbox clearinghouse', () => {
  beforeAll(async () => {
    h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
    d = new ExamDriver(h);
  }, 120_000);
  afterAll(async () => h?.close());

  test('intake: an unknown payer holds the exam with a registration-fix task', async () => {
    const examId = await d.intake({ payerId: 'payer-not-on-file', memberId: 'W100200300' });
    await d.openTask(examId, 'registration-fix');
    await capture(examId, 'intake-registration-fix', { phase: 'intake', tasks: ['registration-fix'] });
  });

  test('eligibility: an inactive member waits on an eligibility-review task', async () => {
    const examId = await d.intake({ memberId: 'INACTIVE-310' });
    await d.openTask(examId, 'eligibility-review');
    await capture(examId, 'eligibility-review', { phase: 'eligibility', tasks: ['eligibility-review'] });
  });

  test('prior_auth: the 278 is pending, prior-auth-obtain open and the payer-response timer set', async () => {
    const examId = await d.intake({ payerId: 'medicare-advantage', memberId: 'MA-77310' });
    await d.openTask(examId, 'prior-auth-obtain');
    await capture(examId, 'prior-auth-pending', { phase: 'prior_auth', tasks: ['prior-auth-obtain'], timers: ['prior-auth-response'] });
  });

  test('prior_auth: the payer denied the 278, prior-auth-obtain open with the denial', async () => {
    const examId = await d.intake({ payerId: 'medicare-advantage', memberId: 'PADENY-310' });
    await d.openTask(examId, 'prior-auth-obtain');
    await d.waitFor(examId, (e) => !timerKinds(e).includes('prior-auth-response'), 'the denial applied');
    await capture(examId, 'prior-auth-denied', { phase: 'prior_auth', tasks: ['prior-auth-obtain'] });
  });

  test('awaiting_exam: scheduled, the no-show timer pending', async () => {
    const examId = await d.intake();
    await d.waitPhase(examId, 'awaiting_exam');
    await capture(examId, 'awaiting-exam-no-show', { phase: 'awaiting_exam', tasks: [], timers: ['no-show'] });
  });

  test('awaiting_exam: authorized by the payer (PAREQ), the authorization kept on file', async () => {
    const examId = await d.intake({ payerId: 'medicare-advantage', memberId: 'PAREQ-310' });
    await d.waitPhase(examId, 'awaiting_exam');
    await capture(examId, 'awaiting-exam-authorized', { phase: 'awaiting_exam', timers: ['no-show'] });
  });

  test('awaiting_report: performed, a preliminary report, the signature reminders pending', async () => {
    const examId = await d.intake();
    await d.waitPhase(examId, 'awaiting_exam');
    expect((await d.performed(examId)).status).toBe(200);
    await d.waitPhase(examId, 'awaiting_report');
    expect((await d.report(examId, { status: 'preliminary' })).status).toBe(200);
    await capture(examId, 'awaiting-report-preliminary', { phase: 'awaiting_report', timers: ['report-reminder'] });
  });

  test('coding: a scrubber finding waits on the coder', async () => {
    const examId = await d.intake({ diagnoses: ['J18.9'] });
    await d.waitPhase(examId, 'awaiting_exam');
    await d.performed(examId);
    await d.report(examId, { diagnoses: ['J18.9'] });
    await d.openTask(examId, 'coding-review');
    await capture(examId, 'coding-review', { phase: 'coding', tasks: ['coding-review'] });
  });

  test('submission: the payer rejected the claim, claim-rejected open for the biller', async () => {
    const examId = await d.intake({ memberId: 'REJECT-310' });
    await performedAndReported(examId);
    await d.openTask(examId, 'claim-rejected');
    await capture(examId, 'claim-rejected', { phase: 'submission', tasks: ['claim-rejected'] });
  });

  test('adjudication: accepted, no 835 yet, the follow-up timers pending', async () => {
    const examId = await d.intake({ memberId: 'NORESP-310' });
    await performedAndReported(examId);
    await d.waitPhase(examId, 'adjudication');
    await capture(examId, 'adjudication-awaiting-835', { phase: 'adjudication', timers: ['status-inquiry', 'ar-escalation'] });
  });

  test('appeal: denied with CARC 197, denial-work open with the appeal deadline', async () => {
    const examId = await d.intake({ memberId: 'DENY197-310' });
    await performedAndReported(examId);
    await d.waitPhase(examId, 'appeal');
    await d.openTask(examId, 'denial-work');
    await capture(examId, 'appeal-denial-work', { phase: 'appeal', tasks: ['denial-work'] });
  });

  test('patient_balance: paid by the payer, the patient owes, a statement due', async () => {
    const examId = await d.intake();
    await performedAndReported(examId);
    const billed = await d.waitPhase(examId, 'patient_balance');
    expect(billed.balances.patientCents).toBeGreaterThan(0);
    await capture(examId, 'patient-balance-statement', { phase: 'patient_balance', timers: ['statement-cycle', 'collections-review'] });
  });

  test('patient_balance: part paid by the patient, statements going on', async () => {
    const examId = await d.intake();
    await performedAndReported(examId);
    const billed = await d.waitPhase(examId, 'patient_balance');
    expect((await d.pay(examId, Math.floor(billed.balances.patientCents! / 2), 'CARD-INFLIGHT-1')).status).toBe(200);
    await capture(examId, 'patient-balance-part-paid', { phase: 'patient_balance', timers: ['statement-cycle'] });
  });

  test('closed: a late 835 reopened the exam, credit-balance-refund open', async () => {
    const examId = await d.intake();
    await performedAndReported(examId);
    const billed = await d.waitPhase(examId, 'patient_balance');
    const claimId = billed.claims[0]!.claimId;
    await d.pay(examId, billed.balances.patientCents!, 'CARD-INFLIGHT-2');
    await d.waitPhase(examId, 'closed');
    await h.env.client.workflow.getHandle(examWorkflowId(examId)).result();
    const sent = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
    expect(sent.statusCode).toBe(200);
    const remit = respondToClaimFile(sent.body, bundledRefData(), { date: '2027-01-15', time: '0900' }).find((f) => f.transactionType === '835');
    const x12 = remit!.x12.replace(/TRN\*1\*[^*~]+/, 'TRN*1*INFLIGHTLATE1');
    const upload = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });
    expect(upload.statusCode).toBe(201);
    await d.openTask(examId, 'credit-balance-refund');
    await capture(examId, 'closed-reopened-refund', { phase: 'closed', tasks: ['credit-balance-refund'] });
  });

  test('continued-as-new: a later run, waiting for the 835 with its follow-up timers', async () => {
    const intake = ExamIntakeSchema.parse(sampleIntake({ coverages: [{ payerId: 'medicare-b', memberId: 'NORESP-311', relationship: 'self', order: 'primary' }] }));
    intake.order.scheduledAt = new Date((await d.now()) + 2 * DAY).toISOString();
    const { examId } = await claimAccessionNumber(h.database.db, { accessionNumber: intake.accessionNumber, examId: `ex_${'d'.repeat(8)}${Date.now().toString(36).padStart(12, '0').slice(-12)}`, bodySha256: 'x' });
    const handle = await h.env.client.workflow.start(examWorkflow, {
      workflowId: examWorkflowId(examId),
      taskQueue: h.config.temporal.taskQueue,
      args: [{ examId, intake, receivedAt: new Date(await d.now()).toISOString(), options: { continueAsNewAfterEvents: 4 } }],
    });
    await performedAndReported(examId);
    await d.waitPhase(examId, 'adjudication');
    await settled(handle);
    expect((await handle.query(examStatusQuery)).run).toBeGreaterThan(1);
    await capture(examId, 'continued-as-new', { phase: 'adjudication', timers: ['status-inquiry'] });
  });

  // The clock moves from here on: every exam above has ended.
  test('adjudication: 31 days without an 835, claim-follow-up open', async () => {
    const examId = await d.intake({ memberId: 'NORESP-312' });
    await performedAndReported(examId);
    await d.waitPhase(examId, 'adjudication');
    await d.sleep('31 days');
    await d.openTask(examId, 'claim-follow-up');
    await capture(examId, 'adjudication-follow-up', { phase: 'adjudication', tasks: ['claim-follow-up'], timers: ['ar-escalation'] });
  });

  test('awaiting_report: the report never signed, report-signature-overdue open', async () => {
    const examId = await d.intake();
    await d.waitPhase(examId, 'awaiting_exam');
    await d.performed(examId);
    await d.waitPhase(examId, 'awaiting_report');
    await d.sleep('73 hours');
    await d.openTask(examId, 'report-signature-overdue');
    await capture(examId, 'report-signature-overdue', { phase: 'awaiting_report', tasks: ['report-signature-overdue'] });
  });
});

describe('exams in flight on a filedrop clearinghouse (no real-time answers, no acknowledgments yet)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-inflight-filedrop-'));
    h = await startApiHarnessOnOwnServer({ ...REPLAY_CONFIG, CLEARINGHOUSE: 'filedrop', FILEDROP_DIR: dir });
    d = new ExamDriver(h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('submission: the claim file handed to the clearinghouse, waiting for the 999', async () => {
    const examId = await d.intake();
    const review = await d.openTask(examId, 'eligibility-review');
    expect((await d.resolve(review.taskId, 'front_desk', { action: 'verified-manually', reference: 'PORTAL-310' })).status).toBe(200);
    await performedAndReported(examId);
    await d.waitFor(examId, (e) => e.phase === 'submission' && timerKinds(e).includes('ack-999'), 'claim sent');
    expect(fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.startsWith('837'))).toHaveLength(1);
    await capture(examId, 'submission-awaiting-999', { phase: 'submission', timers: ['ack-999'] });
  });
});
