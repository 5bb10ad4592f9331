import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Config } from '../../platform/config';
import { createDataConverter } from '../../platform/data-converter';
import { freePort } from '../../platform/free-port';
import { type DevServerHandle, startTemporalDevServer } from '../../platform/temporal-dev-server';
import { createWorker } from '../../worker/create-worker';
import { ensureWatchdogSchedule } from '../../worker/watchdog-schedule';
import { WATCHDOG_SCHEDULE_ID } from '../../workflows/names';
import { type TestDatabase, createTestDatabase, testConfig } from '../support/test-env';

/**
 * The watchdog's Temporal Schedule on a real Temporal (the CLI dev server: the time-skipping test server has no
 * schedules): created once, kept up to date by every worker start, and a run it starts sweeps with the real worker.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-watchdog-'));
let server: DevServerHandle;
let client: Client;
let database: TestDatabase;
let config: Config;

beforeAll(async () => {
  const port = await freePort();
  server = await startTemporalDevServer({ dataDir, port, uiPort: await freePort(), namespace: 'default' });
  config = testConfig({ TEMPORAL_ADDRESS: server.address });
  client = new Client({ connection: await Connection.connect({ address: server.address }), dataConverter: createDataConverter(config) });
  database = await createTestDatabase();
});

afterAll(async () => {
  await client?.connection.close();
  await database?.drop();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the first worker creates the schedule, later ones update it (a paused one stays paused), and a run it starts sweeps', async () => {
  expect(await ensureWatchdogSchedule(client, config)).toBe('created');
  const handle = client.schedule.getHandle(WATCHDOG_SCHEDULE_ID);
  let described = await handle.describe();
  expect(described.spec.intervals).toMatchObject([{ every: 5 * 60_000 }]);
  expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'watchdogWorkflow', taskQueue: config.temporal.taskQueue });
  expect(described.policies.overlap).toBe('SKIP');

  await handle.pause('maintenance');
  const slower = { ...config, watchdog: { ...config.watchdog, intervalMinutes: 15 } };
  expect(await ensureWatchdogSchedule(client, slower)).toBe('updated');
  described = await handle.describe();
  expect(described.spec.intervals).toMatchObject([{ every: 15 * 60_000 }]);
  expect(described.state.paused).toBe(true);

  // A run the schedule starts is picked up by the engine's worker and records its sweep.
  const connection = await NativeConnection.connect({ address: server.address });
  const codePath = process.env.RCM_TEST_WORKFLOW_BUNDLE;
  const worker: Worker = await createWorker({ config, connection, db: database.db, temporal: client, workflowBundle: codePath ? { codePath } : undefined });
  await worker.runUntil(async () => {
    await handle.trigger();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const sweep = await database.db.selectFrom('watchdog_sweeps').selectAll().executeTakeFirst();
      if (sweep) {
        expect(sweep).toMatchObject({ name: 'exam-watchdog', candidates: 0, opened: 0 });
        break;
      }
      if (Date.now() > deadline) throw new Error('the scheduled sweep did not run');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  await connection.close();
});
