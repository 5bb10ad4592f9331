import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface DevServerHandle {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  codecEndpoint?: string;
  /**
   * History shards of a new data directory (tools/temporal-dev only; fixed once the data exist). One by default, as
   * the Temporal CLI has; a production cluster has many, and the benchmark asks for a few.
   */
  historyShards?: number;
  log?: (line: string) => void;
}

interface TemporalBinaries {
  resolveTemporalCli(): string | null;
  obtain(opts?: { quiet?: boolean }): { cli: string | null };
}

function binaries(): TemporalBinaries {
  // scripts/temporal-binaries.js is plain JavaScript shared with the test command; find it from src or dist.
  const candidates = [path.join(__dirname, '../scripts/temporal-binaries.js'), path.join(__dirname, '../../scripts/temporal-binaries.js')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error('scripts/temporal-binaries.js not found');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(found) as TemporalBinaries;
}

export async function waitForPort(port: number, host: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the server exited with status ${child.exitCode} before it listened on ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A Temporal dev server (the real Temporal server, all services in one process, on a SQLite file in
 * the data directory, with its Web UI). The binary comes from scripts/temporal-binaries.js: env
 * override, cached build of tools/temporal-dev, or built now with Go; without Go, the Temporal SDK's
 * own download of the Temporal CLI is used. Both take the flags of `temporal server start-dev`.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  const bins = binaries();
  const cli = bins.resolveTemporalCli() ?? bins.obtain({ quiet: true }).cli;
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, 'temporal.sqlite');
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--http-port', String(options.port + 10),
    '--metrics-port', String(options.port + 20),
    '--db-filename', dbFile,
    '--namespace', options.namespace,
    '--log-level', 'warn',
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ...(options.historyShards && options.historyShards > 1 ? ['--history-shards', String(options.historyShards)] : []),
  ];
  const uiUrl = `http://localhost:${options.uiPort}`;
  const address = `127.0.0.1:${options.port}`;

  if (!cli) return startWithSdkDownload(options, dbFile);

  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => options.log?.(line));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  await waitForPort(options.port, '127.0.0.1', 60_000, child);
  return {
    address,
    uiUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killTimer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function startWithSdkDownload(options: DevServerOptions, dbFile: string): Promise<DevServerHandle> {
  // A developer laptop with internet and neither Go nor an override: the SDK downloads the CLI.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TestWorkflowEnvironment } = require('@temporalio/testing') as typeof import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      dbFilename: dbFile,
      namespace: options.namespace,
      executable: { type: 'cached-download' },
      extraArgs: options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : [],
    },
  }).catch((err: Error) => {
    throw new Error(
      `no Temporal dev server could be had: TEMPORAL_CLI_PATH is not set, there is no cached build, Go is not installed, and the Temporal SDK's download failed (${err.message}). Install Go, or set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to a running server.`,
    );
  });
  return { address: env.address, uiUrl: `http://localhost:${options.uiPort}`, stop: () => env.teardown() };
}
