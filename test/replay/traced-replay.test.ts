import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { PAYLOAD_CONVERTER_PATH, createDataConverter } from '../../platform/data-converter';
import { tracingFor, workflowTracingModules } from '../../platform/tracing';
import { testConfig } from '../support/test-env';
import { REPLAY_BOUND_MS, REPLAY_CONFIG } from './replay-key';

const dir = path.join(__dirname, 'histories');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

/**
 * Turning traces on (OTEL_EXPORTER_OTLP_ENDPOINT) under exams in flight: the recorded histories, made without
 * the tracing interceptors, replay without nondeterminism on the bundle and worker options a traced worker runs.
 */
test('recorded exam histories replay on the traced worker', async () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
  const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: temporal.api.history.v1.History.decode(Buffer.from((JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { history: string }).history, 'base64')) }));
  // Nothing listens there: replay exports nothing (the workflow's span sink is not called on replay).
  const config = testConfig({ ...REPLAY_CONFIG, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
  const tracing = tracingFor(config)!;
  const modules = workflowTracingModules(config);
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), payloadConverterPath: PAYLOAD_CONVERTER_PATH, workflowInterceptorModules: modules });
  const results = Worker.runReplayHistories({ workflowBundle: { code }, dataConverter: createDataConverter(config), interceptors: tracing.workerInterceptors, sinks: tracing.sinks }, histories);
  const failures: string[] = [];
  for await (const r of results) if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
  expect(failures).toEqual([]);
}, REPLAY_BOUND_MS);
