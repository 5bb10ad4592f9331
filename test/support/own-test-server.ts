import { type ChildProcess, spawn } from 'node:child_process';
import { waitForPort } from '../../platform/temporal-dev-server';
import { freePort } from '../../platform/free-port';
import { type ApiHarness, startApiHarness } from './api-harness';
import type { TestEdge } from './test-env';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const binaries = require('../../scripts/temporal-binaries.js') as { resolveTestServer(): string | null };

/**
 * A time-skipping server for one test file that moves the clock by months: the shared per-worker
 * server's clock would stand still while another file's workflows still wait on a worker that is
 * gone. Returns how to use it (`RCM_TEST_TEMPORAL_ADDRESSES` while the harness starts) and stop it.
 */
export async function startOwnTestServer(): Promise<{ address: string; stop(): void } | null> {
  const launcher = binaries.resolveTestServer();
  if (!launcher) return null;
  const port = await freePort();
  const child: ChildProcess = spawn(launcher, [String(port)], { stdio: 'ignore' });
  await waitForPort(port, '127.0.0.1', 60_000, child);
  return { address: `127.0.0.1:${port}`, stop: () => void child.kill() };
}

/** The API harness on a time-skipping server of the file's own; closing the harness stops the server. */
export async function startApiHarnessOnOwnServer(overrides: Partial<NodeJS.ProcessEnv> = {}, edge: TestEdge = {}): Promise<ApiHarness> {
  const server = await startOwnTestServer();
  const shared = process.env.RCM_TEST_TEMPORAL_ADDRESSES;
  if (server) process.env.RCM_TEST_TEMPORAL_ADDRESSES = server.address;
  let h: ApiHarness;
  try {
    h = await startApiHarness(overrides, edge);
  } catch (err) {
    server?.stop();
    throw err;
  } finally {
    process.env.RCM_TEST_TEMPORAL_ADDRESSES = shared;
  }
  const close = h.close.bind(h);
  return {
    ...h,
    async close() {
      await close();
      server?.stop();
    },
  };
}
