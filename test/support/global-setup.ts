import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client } from 'pg';
import { ensureAppLogin } from '../../db/app-role';
import { createDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { PAYLOAD_CONVERTER_PATH } from '../../platform/data-converter';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { waitForPort } from '../../platform/temporal-dev-server';
import { freePort } from '../../platform/free-port';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const binaries = require('../../scripts/temporal-binaries.js') as { resolveTestServer(): string | null };

export const TEMPLATE_DB = 'rcm_test_template';

interface Started {
  tmpDir: string;
  stopPg?: () => Promise<void>;
  testServers: ChildProcess[];
}


/**
 * Once per test run: a real PostgreSQL (embedded unless TEST_DATABASE_URL names a server) with a
 * migrated template database, one time-skipping Temporal test server per jest worker (started ahead:
 * a JVM may need longer than the SDK waits), and the workflow bundle.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-test-'));
  // As root the embedded server runs as an unprivileged user, which must reach its data directory.
  fs.chmodSync(tmpDir, 0o755);
  const started: Started = { tmpDir, testServers: [] };
  (globalThis as { __rcmTest?: Started }).__rcmTest = started;

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmpDir, 'pg'), port: await freePort(), database: 'postgres' });
    started.stopPg = pg.stop;
    adminUrl = pg.url;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  const db = createDb(templateUrl, 1);
  await migrateToLatest(db);
  // The processes under test connect as the application's role (a login of rcm_app), as in production; a server
  // whose admin may not create roles leaves them on the admin's connection.
  const login = await ensureAppLogin(db, 'rcm_app_test').catch(() => undefined);
  if (login) {
    process.env.RCM_TEST_PG_APP_USER = login.user;
    process.env.RCM_TEST_PG_APP_PASSWORD = login.password;
  }
  await db.destroy();
  process.env.RCM_TEST_PG_ADMIN_URL = adminUrl;

  const launcher = binaries.resolveTestServer();
  if (launcher) {
    const addresses: string[] = [];
    for (let i = 0; i < Math.max(1, globalConfig.maxWorkers); i += 1) {
      const port = await freePort();
      const child = spawn(launcher, [String(port)], { stdio: 'ignore' });
      started.testServers.push(child);
      await waitForPort(port, '127.0.0.1', 60_000, child);
      addresses.push(`127.0.0.1:${port}`);
    }
    process.env.RCM_TEST_TEMPORAL_ADDRESSES = addresses.join(',');
  }

  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), payloadConverterPath: PAYLOAD_CONVERTER_PATH, logger: quietLogger });
  const bundlePath = path.join(tmpDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, code);
  process.env.RCM_TEST_WORKFLOW_BUNDLE = bundlePath;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
