import http from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { signToken } from '../../api/tokens';
import { withPhiEncryption } from '../../db/phi-encryption';
import type { Config } from '../../platform/config';
import { PAYLOAD_CONVERTER_PATH, createDataConverter } from '../../platform/data-converter';
import { phiCipherOf } from '../../platform/phi-cipher';
import { DROPPED_WORKFLOW_SPANS, tracingFor, workflowTracingModules } from '../../platform/tracing';
import { createWorker } from '../../worker/create-worker';
import { examWorkflowId } from '../../workflows/names';
import { BIRTH_DATE, MEMBER_ID, PATIENT_NAME, sampleIntake } from '../support/intake-fixture';
import { type TestDatabase, createTestDatabase, createTimeSkippingEnv, terminateExams, testConfig } from '../support/test-env';

/** A span as an OTLP/HTTP JSON request carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** A collector in miniature: accepts the exporter's OTLP/HTTP JSON posts to /v1/traces and keeps the spans. */
function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; requests: string[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const requests: string[] = [];
  const valueOf = (v: Record<string, unknown>): unknown => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue ?? JSON.stringify(v);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const parsed = JSON.parse(body.toString('utf8')) as { resourceSpans: { resource: { attributes: { key: string; value: Record<string, unknown> }[] }; scopeSpans: { spans: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: { key: string; value: Record<string, unknown> }[] })[] }[] }[] };
      for (const rs of parsed.resourceSpans) {
        const service = String(valueOf(rs.resource.attributes.find((a) => a.key === 'service.name')?.value ?? {}));
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])) });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, spans, requests, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let apiConfig: Config;
let workerConfig: Config;
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
let token: string;
let apiClient: Client;
let tracedCode: string;

beforeAll(async () => {
  receiver = await startReceiver();
  // The API and the worker as separate services, as deployed: each exports under its own name.
  apiConfig = testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'imaging-rcm-api' });
  workerConfig = { ...apiConfig, tracing: { ...apiConfig.tracing!, serviceName: 'imaging-rcm-worker' } };
  [env, database] = await Promise.all([createTimeSkippingEnv(apiConfig), createTestDatabase()]);
  database.appDb = withPhiEncryption(database.appDb, phiCipherOf(apiConfig));
  // The bundle the worker process builds with tracing on: the workflow interceptors inside it.
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), payloadConverterPath: PAYLOAD_CONVERTER_PATH, workflowInterceptorModules: workflowTracingModules(workerConfig) });
  tracedCode = code;
  const clientOf = (config: Config) => new Client({ connection: env.connection, namespace: 'default', dataConverter: createDataConverter(config), interceptors: tracingFor(config)!.clientInterceptors });
  worker = await createWorker({ config: workerConfig, connection: env.nativeConnection, db: database.appDb, temporal: clientOf(workerConfig), workflowBundle: { code } });
  running = worker.run();
  apiClient = clientOf(apiConfig);
  app = await buildApp({ config: apiConfig, db: database.appDb, temporal: apiClient, logger: false });
  await app.ready();
  token = await signToken(apiConfig.auth.secret!, { sub: 'user-integration', roles: ['integration'] });
});

afterAll(async () => {
  await app?.close();
  await terminateExams(env, database.db, { settleFirst: true }).catch(() => undefined);
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.drop();
  await receiver?.close();
});

const flushed = async () => {
  await tracingFor(apiConfig)!.flush();
  await tracingFor(workerConfig)!.flush();
};

async function traceOf(name: string, until: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await flushed();
    const root = receiver.spans.find((s) => s.name === name);
    const trace = root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
    if (root && until(trace)) return trace;
    if (Date.now() > deadline) throw new Error(`no complete trace for ${name}: ${JSON.stringify(receiver.spans.map((s) => `${s.service} ${s.name}`))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const named = (trace: ReceivedSpan[], prefix: string) => trace.filter((s) => s.name.startsWith(prefix));

test('one trace per request: the API request, the Temporal start or update, the workflow, its activities, under their services, without PHI', async () => {
  const intake = sampleIntake();
  const created = await app.inject({ method: 'POST', url: '/v1/exams', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(intake) });
  expect(created.statusCode).toBe(201);
  const examId = created.json<{ examId: string }>().examId;

  // Spans arrive in the batches each process exports: wait until every activity run has its scheduling span and only
  // the workflow's run span (open until the exam ends) is missing.
  const openParentsOf = (t: ReceivedSpan[]) => {
    const present = new Set(t.map((s) => s.spanId));
    return new Set(t.filter((s) => s.parentSpanId && !present.has(s.parentSpanId)).map((s) => s.parentSpanId));
  };
  const intakeTrace = await traceOf('POST /v1/exams', (t) => named(t, 'RunActivity:').length > 0 && named(t, 'StartActivity:').length > 0 && openParentsOf(t).size <= 1);
  const request = intakeTrace.find((s) => s.name === 'POST /v1/exams')!;
  expect(request).toMatchObject({ service: 'imaging-rcm-api', parentSpanId: undefined, attributes: { 'http.route': '/v1/exams', 'http.response.status_code': 201, 'http.request.id': created.headers['x-request-id'] } });
  // The start is the request's child, in the same trace as the workflow's spans and the activities'.
  const start = named(intakeTrace, 'StartWorkflow:')[0]!;
  expect(start).toMatchObject({ service: 'imaging-rcm-api', parentSpanId: request.spanId, attributes: { temporalWorkflowId: examWorkflowId(examId) } });
  // The workflow's own spans (made in the sandbox; its run span ends with the exam, so it is not among them yet):
  // each activity it schedules, and the activity's run as the scheduling's child.
  const activity = named(intakeTrace, 'RunActivity:')[0]!;
  expect(activity.service).toBe('imaging-rcm-worker');
  const scheduled = intakeTrace.find((s) => s.spanId === activity.parentSpanId)!;
  expect(scheduled).toMatchObject({ service: 'imaging-rcm-worker', name: activity.name.replace('RunActivity:', 'StartActivity:') });
  // Every span of the trace hangs from the request: no orphan besides the workflow run still open.
  expect(openParentsOf(intakeTrace).size).toBe(1);

  // An event: the request, the Temporal update it makes, and the workflow's handling of it, in one trace.
  const performedAt = new Date(await env.currentTimeMs()).toISOString();
  const performed = await app.inject({ method: 'POST', url: `/v1/exams/${examId}/performed`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ performedAt, placeOfService: '11', procedures: [{ cpt: '72148' }] }) });
  expect(performed.statusCode).toBe(200);
  const eventTrace = await traceOf('POST /v1/exams/:examId/performed', (t) => named(t, 'HandleUpdate:').length > 0);
  const eventRequest = eventTrace.find((s) => s.name === 'POST /v1/exams/:examId/performed')!;
  const update = named(eventTrace, 'StartWorkflowUpdate:')[0]!;
  expect(update).toMatchObject({ service: 'imaging-rcm-api', parentSpanId: eventRequest.spanId });
  const handled = named(eventTrace, 'HandleUpdate:')[0]!;
  expect(handled).toMatchObject({ service: 'imaging-rcm-worker', parentSpanId: update.spanId });
  expect(eventRequest.traceId).not.toBe(request.traceId);

  // What an operator's tracing backend holds: no name, MRN, member id or birth date anywhere in a span.
  const everything = JSON.stringify(receiver.spans);
  for (const phi of [PATIENT_NAME, intake.patient.firstName, intake.patient.mrn, MEMBER_ID, BIRTH_DATE]) expect(everything).not.toContain(phi);
  expect(receiver.requests.every((r) => r.startsWith('POST /v1/traces application/json'))).toBe(true);
});

test('an exam traced, then a worker with traces off: its history replays on the untraced bundle, and on the traced one', async () => {
  const created = await app.inject({ method: 'POST', url: '/v1/exams', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(sampleIntake()) });
  const examId = created.json<{ examId: string }>().examId;
  const performedAt = new Date(await env.currentTimeMs()).toISOString();
  const performed = await app.inject({ method: 'POST', url: `/v1/exams/${examId}/performed`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ performedAt, placeOfService: '11', procedures: [{ cpt: '72148' }] }) });
  expect(performed.statusCode).toBe(200);
  const handle = apiClient.workflow.getHandle(examWorkflowId(examId));
  await new Promise((r) => setTimeout(r, 1000));
  const history = await handle.fetchHistory();
  const plainConfig: Config = { ...apiConfig, tracing: undefined };
  const { code: untraced } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), payloadConverterPath: PAYLOAD_CONVERTER_PATH, workflowInterceptorModules: workflowTracingModules(plainConfig) });
  await Worker.runReplayHistory({ workflowBundle: { code: untraced }, dataConverter: createDataConverter(plainConfig), sinks: DROPPED_WORKFLOW_SPANS }, history, handle.workflowId);
  await Worker.runReplayHistory({ workflowBundle: { code: tracedCode }, dataConverter: createDataConverter(workerConfig), sinks: tracingFor(workerConfig)!.sinks, interceptors: tracingFor(workerConfig)!.workerInterceptors }, history, handle.workflowId);
});

