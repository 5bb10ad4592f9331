import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { createDataConverter } from '../../platform/data-converter';
import { testConfig } from '../support/test-env';
import { REPLAY_CONFIG } from './replay-key';

const dir = path.join(__dirname, 'histories');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

/**
 * Recorded exam histories (RCM_RECORD_HISTORIES=1 npm test records them) replayed against the
 * current workflow code: any nondeterminism fails. Changing workflow code under running exams
 * needs `patched` until these replay clean.
 */
test('recorded exam histories replay without nondeterminism', async () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
  const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: temporal.api.history.v1.History.decode(Buffer.from((JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { history: string }).history, 'base64')) }));
  const codePath = process.env.RCM_TEST_WORKFLOW_BUNDLE;
  const dataConverter = createDataConverter(testConfig(REPLAY_CONFIG));
  const results = Worker.runReplayHistories({ ...(codePath ? { workflowBundle: { codePath } } : { workflowsPath: require.resolve('../../workflows') }), dataConverter }, histories);
  const failures: string[] = [];
  for await (const r of results) if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
  expect(failures).toEqual([]);
});
