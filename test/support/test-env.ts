import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { Client } from 'pg';
import { urlAs } from '../../db/app-role';
import { publicKeyOfSeed } from '../../platform/actor-assertion';
import { type Db, createDb } from '../../db/database';
import { type Config, parseConfig } from '../../platform/config';
import { createDataConverter } from '../../platform/data-converter';
import { createWorker } from '../../worker/create-worker';
import type { ClaimChannel } from '../../activities';

/** A config for tests: fresh secrets (actor assertions on), a unique task queue; both processes' settings (API and worker). */
export function testConfig(overrides: Partial<NodeJS.ProcessEnv> = {}): Config {
  const actorSeed = randomBytes(32).toString('base64');
  return parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PAYLOAD_KEY: randomBytes(32).toString('base64'),
    PAYLOAD_KEY_ID: `test-${randomBytes(3).toString('hex')}`,
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
    TEMPORAL_ADDRESS: 'test-server',
    TEMPORAL_UI_URL: 'http://localhost:8233',
    // The fixtures bill every exam to one patient (one MRN, one member id): the edits across a patient's
    // exams of the same date are off unless a test turns them on.
    SAME_DAY_EDITS: 'false',
    ACTOR_SIGNING_KEY: `actor-test:${actorSeed}`,
    ACTOR_VERIFY_KEYS: `actor-test:${publicKeyOfSeed(actorSeed)}`,
    ...overrides,
  }, 'all');
}

export interface TestDatabase {
  /** the owner's connection (the role the migrations ran as): what tests read and arrange with */
  db: Db;
  url: string;
  /** the application's role (a login of rcm_app, no ownership), which the API and the worker connect as; the owner's when the server may not create roles */
  appDb: Db;
  appUrl: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.RCM_TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('RCM_TEST_PG_ADMIN_URL is not set: run the integration tests through jest (global setup)');
  const name = `rcm_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE rcm_test_template`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = createDb(u.toString(), 5);
  const user = process.env.RCM_TEST_PG_APP_USER;
  const password = process.env.RCM_TEST_PG_APP_PASSWORD;
  const appUrl = user && password ? urlAs(u.toString(), user, password) : u.toString();
  const appDb = appUrl === u.toString() ? db : createDb(appUrl, 5);
  return {
    db,
    url: u.toString(),
    appDb,
    appUrl,
    async drop() {
      if (appDb !== db) await appDb.destroy();
      await db.destroy();
      const a = new Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * The time-skipping test server of this jest worker (started by the global setup), or the SDK's
 * own download where no local build exists. The client encrypts like production.
 */
export async function createTimeSkippingEnv(config: Config): Promise<TestWorkflowEnvironment> {
  const addresses = (process.env.RCM_TEST_TEMPORAL_ADDRESSES ?? '').split(',').filter(Boolean);
  const client = { dataConverter: createDataConverter(config) };
  if (addresses.length === 0) return TestWorkflowEnvironment.createTimeSkipping({ client });
  const workerIndex = Math.max(0, Number(process.env.JEST_WORKER_ID ?? '1') - 1) % addresses.length;
  // `create` attaches to a running server; the public factories would start one of their own.
  const create = (TestWorkflowEnvironment as unknown as { create(opts: object): Promise<TestWorkflowEnvironment> }).create.bind(TestWorkflowEnvironment);
  return create({ server: { type: 'existing' }, address: addresses[workerIndex], supportsTimeSkipping: true, namespace: 'default', client });
}

/** A test double at the payer edge: claim and appeal submission built from the real dependencies. */
export interface TestEdge {
  claims?: (db: Db, temporal: TestWorkflowEnvironment['client'], config: Config) => ClaimChannel;
}

/** The engine's real worker (real activities) on the prebuilt workflow bundle. */
export async function createTestWorker(env: TestWorkflowEnvironment, config: Config, db: Db, edge: TestEdge = {}): Promise<Worker> {
  const codePath = process.env.RCM_TEST_WORKFLOW_BUNDLE;
  return createWorker({ config, connection: env.nativeConnection, db, temporal: env.client, workflowBundle: codePath ? { codePath } : undefined, ...(edge.claims ? { claims: edge.claims(db, env.client, config) } : {}) });
}

/**
 * Ends every exam workflow (and ingestion workflow still delivering) this test database knows of. The time-skipping server is shared by the
 * test files of a jest worker: a workflow left waiting on a task queue whose worker is gone would
 * hold its clock still for the next file.
 */
export async function terminateExams(env: TestWorkflowEnvironment, db: Db, options: { settleFirst?: boolean } = {}): Promise<void> {
  const [intakes, exams] = await Promise.all([
    db.selectFrom('exam_intakes').select('exam_id').execute(),
    db.selectFrom('exams').select('exam_id').execute(),
  ]);
  const ids = new Set([...intakes, ...exams].map((r) => r.exam_id));
  // payer files still being delivered (an ingestion workflow retrying) end too
  const files = await db.selectFrom('ingestion_files').select('file_id').where('status', 'in', ['received', 'delivering']).execute();
  const handles = [...[...ids].map((id) => `exam:${id}`), ...files.map((f) => `ingest:${f.file_id}`)].map((id) => env.client.workflow.getHandle(id));
  if (options.settleFirst) await Promise.all(handles.map((handle) => settled(handle)));
  await Promise.all(handles.map((handle) => handle.terminate('test finished').catch(() => undefined)));
}

/**
 * Waits (ten seconds at most) until the exam's run is idle: no activity pending and its history
 * unchanged over a few checks (a workflow task in flight is not reported by describe).
 */
export async function settled(handle: ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>): Promise<void> {
  let last = -1;
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 3; i += 1) {
    const d = await handle.describe().catch(() => undefined);
    if (!d || d.status.name !== 'RUNNING') return;
    const idle = (d.raw.pendingActivities?.length ?? 0) === 0 && d.historyLength === last;
    quiet = idle ? quiet + 1 : 0;
    last = d.historyLength;
    await new Promise((r) => setTimeout(r, 100));
  }
}
