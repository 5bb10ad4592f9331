import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createDataConverter } from '../../platform/data-converter';
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { cancelExamUpdate, examStatusQuery, performedUpdate } from '../../workflows/exam/messages';
import { seedPayerPolicy } from '../../domain/policy';
import { examWorkflow } from '../../workflows';
import { examWorkflowId } from '../../workflows/names';
import { sampleIntake } from '../support/intake-fixture';
import { type TestDatabase, createTestDatabase, createTestWorker, createTimeSkippingEnv, terminateExams, testConfig } from '../support/test-env';

const config = testConfig();
let env: TestWorkflowEnvironment;
let database: TestDatabase;

beforeAll(async () => {
  [env, database] = await Promise.all([createTimeSkippingEnv(config), createTestDatabase()]);
});

afterAll(async () => {
  if (env && database) await terminateExams(env, database.db);
  await env?.teardown();
  await database?.drop();
});

/** A new worker per test (a worker runs once), on the bundle built once per run. */
async function withWorker(fn: () => Promise<void>): Promise<void> {
  const worker = await createTestWorker(env, config, database.db);
  await worker.runUntil(fn);
}

function newExamId(): string {
  return `ex_${randomBytes(10).toString('hex')}`;
}

test('an exam workflow records the exam in PostgreSQL and answers its status', async () => {
  const examId = newExamId();
  const intake = ExamIntakeSchema.parse(sampleIntake());
  await withWorker(async () => {
    const handle = await env.client.workflow.start(examWorkflow, {
      workflowId: examWorkflowId(examId),
      taskQueue: config.temporal.taskQueue,
      args: [{ examId, intake, receivedAt: '2026-11-22T10:00:00.000Z' }],
    });
    await waitFor(async () => (await database.db.selectFrom('exams').select('exam_id').where('exam_id', '=', examId).executeTakeFirst()) !== undefined);
    const row = await database.db.selectFrom('exams').selectAll().where('exam_id', '=', examId).executeTakeFirstOrThrow();
    expect(row.accession_number).toBe(intake.accessionNumber);
    // The exam moves on by itself (eligibility and so on); the intake is what was recorded.
    expect(['intake', 'eligibility', 'prior_auth', 'awaiting_exam']).toContain(row.phase);
    expect((row.patient as { lastName: string }).lastName).toBe('Lovelace');
    const status = await handle.query(examStatusQuery);
    expect(status).toMatchObject({ examId, status: 'open' });
  });
});

test('a cancelled exam ends, and a second cancel is refused before it reaches history', async () => {
  const examId = newExamId();
  const intake = ExamIntakeSchema.parse(sampleIntake());
  await withWorker(async () => {
    const handle = await env.client.workflow.start(examWorkflow, {
      workflowId: examWorkflowId(examId),
      taskQueue: config.temporal.taskQueue,
      args: [{ examId, intake, receivedAt: '2026-11-22T10:00:00.000Z' }],
    });
    const view = await handle.executeUpdate(cancelExamUpdate, { args: [{ reason: 'patient declined the scan', requestedBy: 'fd-1' }] });
    expect(view.phase).toBe('cancelled');
    // Not `handle.result()`: waiting on a result lets the shared time-skipping server jump ahead,
    // which would fire other files' exam timers (no-show) under them.
    await waitFor(async () => (await handle.describe()).status.name === 'COMPLETED');
    const row = await database.db.selectFrom('exams').select(['phase', 'status']).where('exam_id', '=', examId).executeTakeFirstOrThrow();
    expect(row).toEqual({ phase: 'cancelled', status: 'cancelled' });
  });
  const again = env.client.workflow.getHandle(examWorkflowId(examId)).executeUpdate(cancelExamUpdate, { args: [{ reason: 'again please', requestedBy: 'fd-1' }] });
  await expect(again).rejects.toBeDefined();
});

test('a cancel with a blank reason is rejected by the validator', async () => {
  const examId = newExamId();
  await withWorker(async () => {
    const handle = await env.client.workflow.start(examWorkflow, {
      workflowId: examWorkflowId(examId),
      taskQueue: config.temporal.taskQueue,
      args: [{ examId, intake: ExamIntakeSchema.parse(sampleIntake()), receivedAt: '2026-11-22T10:00:00.000Z' }],
    });
    await expect(handle.executeUpdate(cancelExamUpdate, { args: [{ reason: ' ', requestedBy: 'fd-1' }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect((await handle.query(examStatusQuery)).status).toBe('open');
  });
});

test('an RIS event sent before the exam first ran waits for its intake: the payer keeps its own policy and no stalled-exam task opens', async () => {
  const examId = newExamId();
  // A payer added through the payers table (no seed policy of its own), as PUT /v1/payers/{id} stores it.
  const policy = { ...seedPayerPolicy('medicare-b'), id: 'early-health', name: 'Early Health Plan', x12PayerId: 'EARLY1' };
  await database.db.insertInto('payers').values({ payer_id: policy.id, name: policy.name, payer_type: policy.payerType, active: true, policy: JSON.stringify(policy), updated_by: 'admin-1' }).onConflict((oc) => oc.doNothing()).execute();
  const intake = ExamIntakeSchema.parse(sampleIntake({ coverages: [{ payerId: 'early-health', memberId: 'EH-000123', relationship: 'self', order: 'primary' }] }));
  // No worker yet (one restarting, or busy): the exam and its performed event wait on the task queue together.
  const handle = await env.client.workflow.start(examWorkflow, { workflowId: examWorkflowId(examId), taskQueue: config.temporal.taskQueue, args: [{ examId, intake, receivedAt: '2026-11-22T10:00:00.000Z' }] });
  const performed = handle.startUpdate(performedUpdate, {
    args: [{ event: { performedAt: '2026-11-25T14:30:00Z', placeOfService: '11', contrast: false, procedures: [{ cpt: '72148', units: 1, modifiers: [], laterality: null }] }, sentBy: 'ris' }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  await new Promise((r) => setTimeout(r, 1000));
  await withWorker(async () => {
    const answer = await (await performed).result();
    expect(answer.outcome).toBe('applied');
    expect(answer.exam).toMatchObject({ payerId: 'early-health', selfPay: false, performed: true });
    expect(answer.exam.openTasks.map((t) => t.type)).not.toContain('stalled-exam');
    await waitFor(async () => (await database.db.selectFrom('exams').select('phase').where('exam_id', '=', examId).executeTakeFirst())?.phase === 'awaiting_report');
    const view = await handle.query(examStatusQuery);
    expect(view).toMatchObject({ payerId: 'early-health', selfPay: false, phase: 'awaiting_report' });
    const stalled = await database.db.selectFrom('tasks').select('task_id').where('exam_id', '=', examId).where('type', '=', 'stalled-exam').execute();
    expect(stalled).toEqual([]);
  });
  // The setting this test is about: the event was taken in the exam's first workflow task, with its start.
  const events = (await handle.fetchHistory()).events ?? [];
  const firstCompleted = events.findIndex((e) => e.workflowTaskCompletedEventAttributes);
  const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  expect(events.slice(firstCompleted + 1, accepted).some((e) => e.workflowTaskScheduledEventAttributes)).toBe(false);
  // ... and the exam replays what it did (the wait and its marker) without nondeterminism.
  const codePath = process.env.RCM_TEST_WORKFLOW_BUNDLE;
  await Worker.runReplayHistory({ ...(codePath ? { workflowBundle: { codePath } } : { workflowsPath: require.resolve('../../workflows') }), dataConverter: createDataConverter(config) }, await handle.fetchHistory(), examWorkflowId(examId));
});

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
