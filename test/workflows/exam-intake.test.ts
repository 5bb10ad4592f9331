import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { cancelExamUpdate, examStatusQuery } from '../../workflows/exam/messages';
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

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
