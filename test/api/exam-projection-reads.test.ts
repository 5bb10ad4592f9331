import { examWorkflowId } from '../../workflows/names';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver, type ExamJson } from '../support/exam-driver';
import { settled } from '../support/test-env';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

type ReadJson = ExamJson & { live: boolean; report?: { status: string; addenda: number }; cancellation?: { reason: string; at: string } };

async function read(examId: string, consistency?: 'live' | 'projection'): Promise<{ status: number; body: ReadJson }> {
  const res = await d.call('GET', `/v1/exams/${examId}${consistency ? `?consistency=${consistency}` : ''}`, 'supervisor');
  return { status: res.status, body: res.body as unknown as ReadJson };
}

const byTaskId = (e: ReadJson) => ({ ...e, openTasks: [...e.openTasks].sort((a, b) => a.taskId.localeCompare(b.taskId)) });

/**
 * Once the exam's work has drained, the default read (PostgreSQL) shows what the exam's workflow answers itself:
 * phase, status, open tasks, timers, claims, balances, report and cancellation, field for field.
 */
async function expectProjectionMatchesLive(examId: string): Promise<ReadJson> {
  await settled(h.env.client.workflow.getHandle(examWorkflowId(examId)));
  const live = await read(examId, 'live');
  const stored = await read(examId);
  expect(live.status).toBe(200);
  expect(stored.status).toBe(200);
  expect(live.body.live).toBe(true);
  expect(stored.body.live).toBe(false);
  expect(byTaskId(stored.body)).toEqual(byTaskId({ ...live.body, live: false }));
  return stored.body;
}

test('right after the intake answered 201, the exam reads back (200) from PostgreSQL with what its workflow will say', async () => {
  const examId = await d.intake();
  const first = await read(examId);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ examId, status: 'open', live: false, coverages: [{ payerId: 'medicare-b', order: 'primary' }], claims: [], nextTimers: [] });
  const waiting = await d.waitPhase(examId, 'awaiting_exam');
  expect(waiting.phase).toBe('awaiting_exam');
  const shown = await expectProjectionMatchesLive(examId);
  // Awaiting the exam: the no-show review timer is set, and shown.
  expect(shown.nextTimers.length).toBeGreaterThan(0);
});

test('through the lifecycle (eligibility work, claim submitted and paid, patient balance, payment), the projection answers as the workflow', async () => {
  // An inactive member: the front desk's eligibility review is open.
  const examId = await d.intake({ memberId: 'INACTIVE-77' });
  const task = await d.openTask(examId, 'eligibility-review');
  const reviewing = await expectProjectionMatchesLive(examId);
  expect(reviewing.openTasks.map((t) => t.taskId)).toContain(task.taskId);
  expect(reviewing.phase).toBe('eligibility');

  // The coverage corrected: the task closes and the exam waits for the scan.
  const fixed = await d.resolve(task.taskId, 'front_desk', { action: 'update-coverage', coverage: { payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self' } });
  expect(fixed.status).toBe(200);
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await expectProjectionMatchesLive(examId)).openTasks.map((t) => t.taskId)).not.toContain(task.taskId);

  // Performed and signed: the claim is built and submitted; the sandbox payer pays it with a patient share.
  expect((await d.performed(examId)).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId)).status).toBe(200);
  const billing = await d.waitPhase(examId, 'patient_balance');
  const owing = await expectProjectionMatchesLive(examId);
  expect(owing.claims).toHaveLength(1);
  expect(owing.claims[0]).toMatchObject({ version: 1 });
  expect(owing.balances.patientCents).toBeGreaterThan(0);
  expect(owing.balances.chargeCents).toBeGreaterThan(0);
  expect(owing.report).toEqual({ status: 'final', addenda: 0 });
  expect(owing.nextTimers.length).toBeGreaterThan(0);

  // The patient pays half: the balance the read shows follows.
  const half = Math.floor(billing.balances.patientCents! / 2);
  expect((await d.pay(examId, half, `CARD-PROJ-${examId.slice(-6)}`)).status).toBe(200);
  await d.waitFor(examId, (e) => e.balances.patientCents === billing.balances.patientCents! - half, 'half paid');
  const paid = await expectProjectionMatchesLive(examId);
  expect(paid.balances.patientPaidCents).toBe(half);
});

test('a cancelled exam reads back cancelled, with its reason, no open task and no timer, as the workflow says', async () => {
  const examId = await d.intake({ memberId: 'INACTIVE-78' });
  await d.openTask(examId, 'eligibility-review');
  const cancelled = await d.call('POST', `/v1/exams/${examId}/cancel`, 'front_desk', { reason: 'patient moved away' });
  expect(cancelled.status).toBe(200);
  await d.waitPhase(examId, 'cancelled');
  const shown = await expectProjectionMatchesLive(examId);
  expect(shown).toMatchObject({ status: 'cancelled', openTasks: [], nextTimers: [], cancellation: { reason: 'patient moved away' } });
});

test('consistency must be projection or live; an unknown exam is a 404 either way', async () => {
  const examId = await d.intake();
  const bad = await h.app.inject({ method: 'GET', url: `/v1/exams/${examId}?consistency=eventual`, headers: bearer(h.tokens.supervisor) });
  expect(bad.statusCode).toBe(400);
  const unknown = 'ex_0000000000000unknown';
  for (const q of ['', '?consistency=live']) {
    const res = await h.app.inject({ method: 'GET', url: `/v1/exams/${unknown}${q}`, headers: bearer(h.tokens.supervisor) });
    expect(res.statusCode).toBe(404);
  }
});
