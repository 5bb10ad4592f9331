import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { signToken } from '../../api/tokens';
import type { Config } from '../../platform/config';
import { createDataConverter } from '../../platform/data-converter';
import { ROLES, type Role } from '../../platform/roles';
import { examWorkflowId } from '../../workflows/names';
import type { ApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { startOwnTestServer } from '../support/own-test-server';
import { type TestDatabase, createTestDatabase, createTimeSkippingEnv, terminateExams, testConfig } from '../support/test-env';

/**
 * Event updates through the API with a worker this file starts and stops: a retried request returns the
 * first answer (one effect), no call outlives its deadline when the worker is down, and a retry after the
 * exam closed answers as the first delivery did. A time-skipping server of the file's own, so that exams
 * left without a worker hold no one else's clock.
 */
let server: Awaited<ReturnType<typeof startOwnTestServer>>;
let config: Config;
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let app: FastifyInstance;
let worker: { instance: Worker; running: Promise<void> } | undefined;
let d: ExamDriver;
const tokens = {} as Record<Role, string>;

/**
 * The engine's worker, without a workflow cache: with one, the server sends an exam's next workflow task to
 * the stopped worker's sticky queue, and the time-skipping test server never hands it on to a new worker.
 */
async function startWorker(): Promise<void> {
  const bundle = process.env.RCM_TEST_WORKFLOW_BUNDLE;
  const instance = await Worker.create({
    connection: env.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: createDataConverter(config),
    activities: createActivities({ db: database.db, temporal: env.client, config }),
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('../../workflows') }),
    maxCachedWorkflows: 0,
  });
  worker = { instance, running: instance.run() };
}
async function stopWorker(): Promise<void> {
  if (!worker) return;
  worker.instance.shutdown();
  await worker.running;
  worker = undefined;
}

beforeAll(async () => {
  server = await startOwnTestServer();
  const shared = process.env.RCM_TEST_TEMPORAL_ADDRESSES;
  if (server) process.env.RCM_TEST_TEMPORAL_ADDRESSES = server.address;
  try {
    config = testConfig({ API_UPDATE_DEADLINE_MS: '2000' });
    [env, database] = await Promise.all([createTimeSkippingEnv(config), createTestDatabase()]);
  } finally {
    process.env.RCM_TEST_TEMPORAL_ADDRESSES = shared;
  }
  await startWorker();
  app = await buildApp({ config, db: database.db, temporal: env.client, logger: false });
  await app.ready();
  for (const role of ROLES) tokens[role] = await signToken(config.auth.secret!, { sub: `user-${role}`, roles: [role] });
  d = new ExamDriver({ app, config, env, database, tokens, close: async () => undefined } satisfies ApiHarness);
});

afterAll(async () => {
  await app?.close();
  if (worker) await terminateExams(env, database.db, { settleFirst: true }).catch(() => undefined);
  await stopWorker();
  await env?.teardown();
  await database?.drop();
  server?.stop();
});

const post = (url: string, role: Role, body: unknown, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    payload: JSON.stringify(body),
  });

const performedBody = (now: number) => ({ performedAt: new Date(now).toISOString(), placeOfService: '11', contrast: false, procedures: [{ cpt: '72148', units: 1 }] });

/** The updates the exam's history accepted, by name (what a retry must not add to). */
async function acceptedUpdates(examId: string, name: string): Promise<number> {
  const history = await env.client.workflow.getHandle(examWorkflowId(examId)).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name).length;
}

async function auditOf(requestId: string) {
  const res = await app.inject({ method: 'GET', url: '/v1/audit?limit=500', headers: { authorization: `Bearer ${tokens.supervisor}` } });
  return (res.json().items as { requestId: string; statusCode: number; details: Record<string, unknown> }[]).filter((r) => r.requestId === requestId).reverse();
}

test('a retried performed event with the same Idempotency-Key returns the first answer and takes effect once; the intent is audited before the outcome', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  const body = performedBody(await d.now());
  const first = await post(`/v1/exams/${examId}/performed`, 'integration', body, 'ris-msg-0001');
  expect(first.statusCode).toBe(200);
  expect(first.json()).toMatchObject({ outcome: 'applied', exam: { phase: expect.not.stringMatching(/^awaiting_exam$/) } });
  const again = await post(`/v1/exams/${examId}/performed`, 'integration', body, 'ris-msg-0001');
  expect(again.statusCode).toBe(200);
  expect(again.json()).toEqual(first.json());
  expect(await acceptedUpdates(examId, 'performed')).toBe(1);

  // Without a key the event's own identity is the key: the same request again is the same update.
  const third = await post(`/v1/exams/${examId}/performed`, 'integration', body);
  expect(third.statusCode).toBe(200);
  expect(await acceptedUpdates(examId, 'performed')).toBe(2);
  const fourth = await post(`/v1/exams/${examId}/performed`, 'integration', body);
  expect(fourth.json()).toEqual(third.json());
  expect(await acceptedUpdates(examId, 'performed')).toBe(2);
  // ... and the exam applied the event once: the second delivery is a duplicate to it.
  expect(third.json()).toMatchObject({ outcome: 'duplicate' });

  const rows = await auditOf(first.headers['x-request-id'] as string);
  expect(rows.map((r) => [r.statusCode, r.details.outcome])).toEqual([
    [102, 'delivering'],
    [200, 'ok'],
  ]);
  expect(rows[0]!.details.updateId).toBe('performed:key:ris-msg-0001');
});

test('with no worker running an event answers 202 with the exam as Location within the deadline; the exam applies it when the worker is back, once', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  const body = performedBody(await d.now());
  await stopWorker();
  let res;
  try {
    res = await post(`/v1/exams/${examId}/performed`, 'integration', body, 'ris-msg-0002');
  } finally {
    await startWorker();
  }
  expect(res.statusCode).toBe(202);
  expect(res.headers.location).toBe(`/v1/exams/${examId}`);
  // No worker took it: the body says so and tells the client to send the same request again.
  expect(res.json()).toMatchObject({ status: 'pending', accepted: false, examId, location: `/v1/exams/${examId}`, updateId: 'performed:key:ris-msg-0002' });
  expect(res.json().message).toMatch(/same Idempotency-Key/);
  // ... and Retry-After, which any HTTP client (the console's, a RIS interface engine) takes as "send it again".
  expect(res.headers['retry-after']).toBe('1');
  expect((await auditOf(res.headers['x-request-id'] as string)).map((r) => r.statusCode)).toEqual([102, 202]);

  // The worker is back: the exam takes the waiting event by itself and shows it.
  await d.waitFor(examId, (e) => e.phase !== 'awaiting_exam', 'the performed event applied');
  // The client's retry, as the body says (same key), gets the exam's answer; the event is applied once.
  const retried = await post(`/v1/exams/${examId}/performed`, 'integration', body, 'ris-msg-0002');
  expect(retried.statusCode).toBe(200);
  expect(retried.json()).toMatchObject({ outcome: 'applied' });
  expect((await d.exam(examId)).phase).not.toBe('awaiting_exam');
  expect(await acceptedUpdates(examId, 'performed')).toBe(1);
});

test('a retried event whose first delivery took effect before the exam closed answers as the first did, not 409', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  const body = performedBody(await d.now());
  expect((await post(`/v1/exams/${examId}/performed`, 'integration', body)).statusCode).toBe(200);

  const cancel = await post(`/v1/exams/${examId}/cancel`, 'front_desk', { reason: 'patient withdrew consent' }, 'desk-7');
  expect(cancel.statusCode).toBe(200);
  const handle = env.client.workflow.getHandle(examWorkflowId(examId));
  await handle.result();
  expect((await handle.describe()).status.name).toBe('COMPLETED');

  // The RIS retries its performed event (another message id): it took effect before the exam closed.
  const performedAgain = await post(`/v1/exams/${examId}/performed`, 'integration', body, 'ris-retry-1');
  expect(performedAgain.statusCode).toBe(200);
  expect(performedAgain.json()).toMatchObject({ outcome: 'duplicate', exam: { status: 'cancelled' } });
  // The front desk's retried cancel: the exam as its first answer showed it.
  const cancelAgain = await post(`/v1/exams/${examId}/cancel`, 'front_desk', { reason: 'patient withdrew consent' }, 'desk-7');
  expect(cancelAgain.statusCode).toBe(200);
  expect(cancelAgain.json()).toMatchObject({ status: 'cancelled', cancellation: { reason: 'patient withdrew consent' } });

  // An event the exam never took is still refused on a closed exam.
  const report = await post(`/v1/exams/${examId}/report`, 'integration', { status: 'final', signedAt: new Date(await d.now()).toISOString(), radiologistNpi: '1234567893', diagnoses: ['M54.16'] });
  expect(report.statusCode).toBe(409);
  expect(report.json().error.code).toBe('exam_not_open');
});
