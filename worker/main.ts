import type { Client } from '@temporalio/client';
import { type NativeConnection, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import { startConfiguredInboxPoller } from '../activities/clearinghouse/filedrop-poller';
import { seedBundledRefdata } from '../activities/refdata/seed-bundled-refdata';
import { createDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { Backoff, untilItWorks } from '../platform/backoff';
import { loadConfig } from '../platform/config';
import { withDevSecrets } from '../platform/dev-secrets';
import { outageOf } from '../platform/outage';
import { createWorkerLogger } from '../platform/worker-logger';
import { connectClient, connectWorkerConnection } from '../platform/temporal-connection';
import { createWorker } from './create-worker';

const say = (line: string) => process.stderr.write(`imaging-rcm worker: ${line}\n`);
/** No PHI: an error's name and code, never its message's data. */
const named = (err: unknown) => {
  const e = err as { name?: string; code?: unknown };
  return `${e?.name ?? 'Error'}${e?.code !== undefined ? ` ${String(e.code)}` : ''}`;
};

/**
 * `npm run worker`: the Temporal worker alone, against TEMPORAL_ADDRESS and DATABASE_URL. It outlives
 * outages: at start it waits for PostgreSQL (migrations) and Temporal; a lost database connection fails
 * only the activity using it (retried by Temporal); if the worker itself stops on a Temporal outage it
 * reconnects with backoff. Only SIGINT/SIGTERM end it.
 */
async function main(): Promise<void> {
  const config = withDevSecrets(loadConfig());
  if (!config.database.url || !config.temporal.address) {
    process.stderr.write('imaging-rcm: npm run worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything embedded)\n');
    process.exit(78);
  }
  // SIGINT/SIGTERM: the worker stops polling, lets running activities finish within the grace time,
  // and hands everything else back to the server.
  Runtime.install({ logger: createWorkerLogger(config.logLevel) });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stopping = true));

  const db = createDb(config.database.url, config.database.poolMax, { onConnectionError: (err) => say(`database connection lost (${named(err)}); the pool reconnects`) });
  const whileDown = { retryable: (err: unknown) => outageOf(err) !== undefined || /did not accept connections/.test((err as Error).message), stopped: () => stopping };
  await untilItWorks(
    async () => {
      await migrateToLatest(db, { onWait: (reason, attempt) => attempt === 1 && say(`waiting for PostgreSQL (${reason})`) });
      // The bundled imaging reference data, loaded once into PostgreSQL (a release already there is skipped).
      await seedBundledRefdata(db);
    },
    { ...whileDown, onRetry: (err, ms) => say(`PostgreSQL not ready (${named(err)}); retrying in ${ms} ms`) },
  );
  // Bundled once: a reconnect reuses it.
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath: require.resolve('../platform/failure-converter') });

  const backoff = new Backoff();
  try {
    while (!stopping) {
      let connection: NativeConnection | undefined;
      let temporal: Client | undefined;
      let inbox: ReturnType<typeof startConfiguredInboxPoller>;
      try {
        connection = await untilItWorks(() => connectWorkerConnection(config), { ...whileDown, retryable: () => true, onRetry: (err, ms) => say(`Temporal not reachable (${named(err)}); retrying in ${ms} ms`) });
        temporal = await untilItWorks(() => connectClient(config), { ...whileDown, retryable: () => true, onRetry: (err, ms) => say(`Temporal not reachable (${named(err)}); retrying in ${ms} ms`) });
        const worker = await createWorker({ config, connection, db, temporal, workflowBundle: { code } });
        // CLEARINGHOUSE=filedrop: responses dropped into FILEDROP_DIR/inbox are ingested and routed.
        inbox = startConfiguredInboxPoller({ db, temporal, config, onError: (err) => say(`inbox: ${err.name}`) });
        backoff.reset();
        await worker.run();
      } catch (err) {
        if (stopping) break;
        say(`worker stopped (${named(err)}); reconnecting`);
      } finally {
        await inbox?.stop().catch(() => undefined);
        await temporal?.connection.close().catch(() => undefined);
        await connection?.close().catch(() => undefined);
      }
      if (!stopping) say(`reconnecting in ${await backoff.wait()} ms`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm worker: ${err.message}\n`);
  process.exit(1);
});
