import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { startConfiguredInboxPoller } from '../activities/clearinghouse/filedrop-poller';
import type { Db } from '../db/database';
import { Backoff, untilItWorks } from '../platform/backoff';
import type { Config } from '../platform/config';
import { connectClient, connectWorkerConnection } from '../platform/temporal-connection';
import { createWorker } from './create-worker';
import { ensureWatchdogSchedule } from './watchdog-schedule';

/** No PHI in what the worker says: an error's name and code, never its message's data. */
export const errorName = (err: unknown): string => {
  const e = err as { name?: string; code?: unknown } | undefined;
  return `${e?.name ?? 'Error'}${e?.code !== undefined ? ` ${String(e.code)}` : ''}`;
};

export interface ResilientWorkerOptions {
  config: Config;
  db: Db;
  /** the workflow bundle, built once (a reconnect reuses it) */
  workflowCode: string;
  /** true once the process is shutting down: the loop ends instead of reconnecting */
  stopping: () => boolean;
  say: (line: string) => void;
  /** the running worker, so the caller can shut it down (SIGINT/SIGTERM) */
  onRunning?: (worker: { shutdown(): void; getState(): string }) => void;
}

/**
 * Runs the worker until the process stops, through Temporal outages: connects (retrying with backoff while
 * Temporal cannot be reached), runs, and when the worker stops for any reason other than shutdown, closes
 * its connections and starts again. A database outage does not stop it: the activities that need the
 * database fail and Temporal retries them.
 */
export async function runResilientWorker(opts: ResilientWorkerOptions): Promise<void> {
  const { config, db, say, stopping } = opts;
  const backoff = new Backoff();
  const connect = <T>(what: () => Promise<T>) =>
    untilItWorks(what, { retryable: () => true, stopped: stopping, onRetry: (err, ms) => say(`Temporal not reachable (${errorName(err)}); retrying in ${ms} ms`) });
  while (!stopping()) {
    let connection: NativeConnection | undefined;
    let temporal: Client | undefined;
    let inbox: ReturnType<typeof startConfiguredInboxPoller>;
    try {
      connection = await connect(() => connectWorkerConnection(config));
      temporal = await connect(() => connectClient(config));
      const worker = await createWorker({ config, connection, db, temporal, workflowBundle: { code: opts.workflowCode } });
      opts.onRunning?.(worker);
      // The stalled-exam watchdog runs on a Temporal Schedule (once across all workers); without it /metrics shows no recent sweep.
      await ensureWatchdogSchedule(temporal, config).catch((err: Error) => say(`watchdog schedule: ${errorName(err)}`));
      // CLEARINGHOUSE=filedrop: responses dropped into FILEDROP_DIR/inbox are ingested and routed.
      inbox = startConfiguredInboxPoller({ db, temporal, config, onError: (err) => say(`inbox: ${err.name}`) });
      backoff.reset();
      // Stopped while it was being set up: it never runs (a stop only shuts down a worker that is running).
      if (stopping()) break;
      await worker.run();
    } catch (err) {
      if (stopping()) break;
      say(`worker stopped (${errorName(err)}); reconnecting`);
    } finally {
      await inbox?.stop().catch(() => undefined);
      await temporal?.connection.close().catch(() => undefined);
      await connection?.close().catch(() => undefined);
    }
    if (!stopping()) say(`reconnecting in ${await backoff.wait()} ms`);
  }
}
