import { Runtime, bundleWorkflowCode } from '@temporalio/worker';
import { sql } from 'kysely';
import { seedBundledRefdata } from '../activities/refdata/seed-bundled-refdata';
import { createDb } from '../db/database';
import { migrateToLatest, migrationUrlOf } from '../db/migrate';
import { withPhiEncryption } from '../db/phi-encryption';
import { phiCipherOf } from '../platform/phi-cipher';
import { untilItWorks } from '../platform/backoff';
import { loadConfig } from '../platform/config';
import { FAILURE_CONVERTER_PATH, PAYLOAD_CONVERTER_PATH } from '../platform/data-converter';
import { withDevSecrets } from '../platform/dev-secrets';
import { outageOf } from '../platform/outage';
import { startHealthServer } from '../platform/health-server';
import { shutdownTracing, workflowTracingModules } from '../platform/tracing';
import { createWorkerLogger } from '../platform/worker-logger';
import { errorName, runResilientWorker } from './resilient-worker';

const say = (line: string) => process.stderr.write(`imaging-rcm worker: ${line}\n`);

/**
 * `npm run worker`: the Temporal worker alone, against TEMPORAL_ADDRESS and DATABASE_URL. It outlives
 * outages: at start it waits for PostgreSQL (migrations) and Temporal; a lost database connection fails
 * only the activity using it (retried by Temporal); if the worker itself stops on a Temporal outage it
 * reconnects with backoff. Only SIGINT/SIGTERM end it.
 */
async function main(): Promise<void> {
  const config = withDevSecrets(loadConfig(process.env, 'worker'), 'worker');
  if (!config.database.url || !config.temporal.address) {
    process.stderr.write('imaging-rcm: npm run worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything embedded)\n');
    process.exit(78);
  }
  // SIGINT/SIGTERM: the worker stops polling, lets running activities finish within the grace time,
  // and hands everything else back to the server.
  Runtime.install({ logger: createWorkerLogger(config.logLevel) });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stopping = true));

  const db = createDb(config.database.url, config.database.poolMax, { applicationName: config.database.applicationName, onConnectionError: (err) => say(`database connection lost (${errorName(err)}); the pool reconnects`) });
  // The migrations run as the owner role (DATABASE_MIGRATION_URL); the worker itself as the application's role.
  const migrationUrl = migrationUrlOf(config, say)!;
  // HEALTH_PORT: /healthz while the process runs; /readyz when the worker polls Temporal and PostgreSQL answers.
  let running: { getState(): string } | undefined;
  const health = config.health
    ? await startHealthServer({
        ...config.health,
        checks: {
          worker: async () => { if (running?.getState() !== 'RUNNING') throw new Error('not running'); },
          database: () => sql`select 1`.execute(db),
        },
      })
    : undefined;
  if (health) say(`health on ${health.host}:${health.port} (/healthz, /readyz)`);
  try {
    await untilItWorks(
      async () => {
        const owner = migrationUrl === config.database.url ? db : createDb(migrationUrl, 1);
        try {
          await migrateToLatest(owner, { onWait: (reason, attempt) => attempt === 1 && say(`waiting for PostgreSQL (${reason})`) });
          // The bundled imaging reference data, loaded once into PostgreSQL (a release already there is skipped).
          await seedBundledRefdata(owner);
        } finally {
          if (owner !== db) await owner.destroy();
        }
      },
      {
        retryable: (err) => outageOf(err) !== undefined || /did not accept connections/.test((err as Error).message),
        stopped: () => stopping,
        onRetry: (err, ms) => say(`PostgreSQL not ready (${errorName(err)}); retrying in ${ms} ms`),
      },
    );
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath: FAILURE_CONVERTER_PATH, payloadConverterPath: PAYLOAD_CONVERTER_PATH, workflowInterceptorModules: workflowTracingModules(config) });
    await runResilientWorker({ config, db: withPhiEncryption(db, phiCipherOf(config)), workflowCode: code, stopping: () => stopping, say, onRunning: (worker) => (running = worker) });
  } finally {
    await health?.close();
    await db.destroy();
    await shutdownTracing();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm worker: ${err.message}\n`);
  process.exit(1);
});
