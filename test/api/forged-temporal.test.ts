import { Client } from '@temporalio/client';
import { createDataConverter } from '../../platform/data-converter';
import { examWorkflowId } from '../../workflows/names';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

/**
 * Temporal's frontend is not the door: whoever reaches it without the payload key cannot act on an exam.
 * Updates, signals and starts sent there in clear JSON are refused by the worker; the same requests
 * encrypted with the key (what the API sends) are taken.
 */
let h: ApiHarness;
let d: ExamDriver;
let forger: Client;
let keyHolder: Client;

beforeAll(async () => {
  h = await startApiHarness();
  d = new ExamDriver(h);
  forger = new Client({ connection: h.env.connection, namespace: h.config.temporal.namespace });
  keyHolder = new Client({ connection: h.env.connection, namespace: h.config.temporal.namespace, dataConverter: createDataConverter(h.config) });
});
afterAll(async () => h?.close());

test('a resolveTask update sent straight to Temporal in clear, claiming the supervisor role, is refused and changes nothing', async () => {
  const examId = await d.intake({ memberId: 'INACTIVE-1001' });
  const task = await d.openTask(examId, 'eligibility-review');
  const handle = forger.workflow.getHandle(examWorkflowId(examId));
  await expect(
    handle.executeUpdate('resolveTask', { args: [{ taskId: task.taskId, resolution: { action: 'self-pay' }, resolvedBy: 'attacker', role: 'supervisor' }] }),
  ).rejects.toThrow();
  await expect(handle.executeUpdate('cancel', { args: [{ reason: 'forged cancel', requestedBy: 'attacker' }] })).rejects.toThrow();
  const exam = await d.exam(examId);
  expect(exam.status).toBe('open');
  expect(exam.openTasks.map((t) => t.taskId)).toContain(task.taskId);
});

test('a remittance or policy signal sent in clear is ignored; the exam keeps running and answers encrypted requests', async () => {
  const examId = await d.intake({ memberId: 'INACTIVE-1002' });
  await d.openTask(examId, 'eligibility-review');
  const before = await d.exam(examId);
  const forged = forger.workflow.getHandle(examWorkflowId(examId));
  await forged.signal('policyChanged', { payerId: 'medicare-b', policy: { id: 'medicare-b', timelyFiling: { days: 1 } } });
  await forged.signal('remittanceReceived', { claimId: 'x', status: 'paid' });
  // The key holder's request is taken: the exam was not broken by the forged signals.
  const cancelled = await keyHolder.workflow.getHandle(examWorkflowId(examId)).executeUpdate('cancel', { args: [{ reason: 'patient moved away', requestedBy: 'user-supervisor' }] });
  expect(cancelled).toMatchObject({ phase: 'cancelled' });
  expect(before.status).toBe('open');
});

test('an exam workflow started in clear fails at once, having done nothing', async () => {
  const handle = await forger.workflow.start('examWorkflow', { taskQueue: h.config.temporal.taskQueue, workflowId: 'exam:ex_forged000000000000001', args: [{ examId: 'ex_forged000000000000001', intake: {} }] });
  await expect(handle.result()).rejects.toThrow();
  const row = await h.database.db.selectFrom('exams').select('exam_id').where('exam_id', '=', 'ex_forged000000000000001').executeTakeFirst();
  expect(row).toBeUndefined();
});
