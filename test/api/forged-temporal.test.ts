import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { privateKeyOf, withActorAssertion } from '../../platform/actor-assertion';
import { createDataConverter } from '../../platform/data-converter';
import { examWorkflowId } from '../../workflows/names';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
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

describe('actor assertions: holding the payload key is not enough to act as a staff member', () => {
  const forgedSeed = randomBytes(32).toString('base64');
  const resolveArg = (taskId: string) => ({ taskId, resolution: { action: 'self-pay' }, resolvedBy: 'user-supervisor', role: 'supervisor' });

  test('a resolveTask encrypted with the payload key but with no assertion, a forged one, or one for another request is refused; the API\'s own resolution is taken', async () => {
    const examId = await d.intake({ memberId: 'INACTIVE-1003' });
    const task = await d.openTask(examId, 'eligibility-review');
    const handle = keyHolder.workflow.getHandle(examWorkflowId(examId));
    const refusal = async (arg: object) => {
      try {
        await handle.executeUpdate('resolveTask', { args: [arg] });
        return 'taken';
      } catch (err) {
        return String((err as { cause?: { type?: string } }).cause?.type);
      }
    };
    // no assertion
    expect(await refusal(resolveArg(task.taskId))).toBe('ActorNotAsserted');
    // signed with a key the worker does not know, under the API's key id
    const apiKid = h.config.actorAssertion.signingKey!.kid;
    expect(await refusal(withActorAssertion({ kid: apiKid, key: privateKeyOf(forgedSeed) }, 'resolveTask', resolveArg(task.taskId), { actor: 'user-supervisor', role: 'supervisor', taskId: task.taskId }))).toBe('ActorNotAsserted');
    // a genuine assertion of the API, lifted onto other arguments (another resolution, another actor)
    const genuine = withActorAssertion(h.app.actorSigner!, 'resolveTask', resolveArg(task.taskId), { actor: 'user-supervisor', role: 'supervisor', taskId: task.taskId });
    expect(await refusal({ ...genuine, resolution: { action: 'retry-eligibility' } })).toBe('ActorNotAsserted');
    expect(await refusal({ ...genuine, resolvedBy: 'user-front_desk', role: 'front_desk' })).toBe('ActorNotAsserted');
    // an assertion for another update or task: refused by the validator
    const otherTask = withActorAssertion(h.app.actorSigner!, 'resolveTask', resolveArg(task.taskId), { actor: 'user-supervisor', role: 'supervisor', taskId: 'tsk_other' });
    expect(await refusal(otherTask)).toBe('ActorNotAsserted');
    expect((await d.exam(examId)).openTasks.map((t) => t.taskId)).toContain(task.taskId);

    // The API's path: the same resolution through the door is signed and taken.
    const resolved = await d.resolve(task.taskId, 'front_desk', { action: 'self-pay' });
    expect(resolved.status).toBe(200);
    expect((await d.exam(examId)).openTasks.map((t) => t.taskId)).not.toContain(task.taskId);
  });

  test('a patient payment sent with the payload key but no assertion is refused; through the API it is taken', async () => {
    const examId = await d.intake({ memberId: 'INACTIVE-1004' });
    const handle = keyHolder.workflow.getHandle(examWorkflowId(examId));
    const payment = { amountCents: 2500, method: 'cash', reference: 'PAY-FORGED-1' };
    await expect(handle.executeUpdate('patientPayment', { args: [{ event: payment, sentBy: 'user-front_desk' }] })).rejects.toMatchObject({ cause: { type: 'ActorNotAsserted' } });
    const res = await h.app.inject({ method: 'POST', url: `/v1/exams/${examId}/payments`, headers: bearer(h.tokens.front_desk), payload: { ...payment, reference: 'PAY-API-1' } });
    expect(res.statusCode).toBe(200);
  });
});
