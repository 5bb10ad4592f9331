import { Worker } from '@temporalio/worker';
import { createDataConverter } from '../../platform/data-converter';
import { examWorkflowId } from '../../workflows/names';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

/**
 * A worker that restarts replays each exam from its history. Validators do not run on replay and queries leave
 * nothing in history, so whatever they ask of the exam's patches must not be recorded: an exam whose performed,
 * report and task updates were validated, and that was read live many times, replays clean on a fresh worker.
 */
let h: ApiHarness;
let driver: ExamDriver;
beforeAll(async () => {
  h = await startApiHarness();
  driver = new ExamDriver(h);
});
afterAll(async () => h?.close());

async function replay(examId: string): Promise<void> {
  const handle = h.env.client.workflow.getHandle(examWorkflowId(examId));
  const history = await handle.fetchHistory();
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), dataConverter: createDataConverter(h.config) }, history, handle.workflowId);
}

const liveRead = (examId: string) => driver.call('GET', `/v1/exams/${examId}?consistency=live`, 'supervisor');

test('a Medicare exam taken through performed, report and claim, read live at every step, replays without nondeterminism', async () => {
  const examId = await driver.intake({ payerId: 'medicare-b' });
  expect((await liveRead(examId)).status).toBe(200);
  await driver.waitPhase(examId, 'awaiting_exam');
  expect((await liveRead(examId)).status).toBe(200);
  // the performed event's validator is the first to work out the filing deadline (a one-calendar-year payer)
  expect((await driver.performed(examId)).status).toBe(200);
  expect((await liveRead(examId)).status).toBe(200);
  expect((await driver.report(examId)).status).toBe(200);
  expect((await liveRead(examId)).status).toBe(200);
  await driver.waitPhase(examId, 'patient_balance');
  expect((await liveRead(examId)).status).toBe(200);
  // events the exam refuses in its validators leave nothing in history, not even what the validator looked up
  const later = new Date((await driver.now()) + 86_400_000).toISOString();
  expect((await driver.performed(examId, { performedAt: later, procedures: [{ cpt: '70551', units: 1 }] })).status).toBeGreaterThanOrEqual(400);
  expect((await driver.report(examId, { signedAt: later, diagnoses: ['G43.909'], radiologistNpi: '1234567893', status: 'final' })).status).toBeLessThan(500);
  expect((await liveRead(examId)).status).toBe(200);
  await replay(examId);
});

test('an exam whose work-queue task is resolved through a validated update replays without nondeterminism', async () => {
  const examId = await driver.intake({ payerId: 'medicare-b', memberId: 'INACTIVE-91' });
  const task = await driver.openTask(examId, 'eligibility-review');
  expect((await liveRead(examId)).status).toBe(200);
  const resolved = await driver.resolve(task.taskId, 'front_desk', { action: 'update-coverage', coverage: { payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self' } });
  expect(resolved.status).toBe(200);
  await driver.waitPhase(examId, 'awaiting_exam');
  expect((await driver.performed(examId)).status).toBe(200);
  await driver.waitPhase(examId, 'awaiting_report');
  expect((await liveRead(examId)).status).toBe(200);
  await replay(examId);
});
