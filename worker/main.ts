import { Runtime } from '@temporalio/worker';
import { startConfiguredInboxPoller } from '../activities/clearinghouse/filedrop-poller';
import { seedBundledRefdata } from '../activities/refdata/seed-bundled-refdata';
import { createDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { loadConfig } from '../platform/config';
import { withDevSecrets } from '../platform/dev-secrets';
import { createWorkerLogger } from '../platform/worker-logger';
import { connectClient, connectWorkerConnection } from '../platform/temporal-connection';
import { createWorker } from './create-worker';
import { ensureWatchdogSchedule } from './watchdog-schedule';

/** `npm run worker`: the Temporal worker alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
async function main(): Promise<void> {
  const config = withDevSecrets(loadConfig());
  if (!config.database.url || !config.temporal.address) {
    process.stderr.write('imaging-rcm: npm run worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything embedded)\n');
    process.exit(78);
  }
  // SIGINT/SIGTERM: the worker stops polling, lets running activities finish within the grace time,
  // and hands everything else back to the server.
  Runtime.install({ logger: createWorkerLogger(config.logLevel) });
  const db = createDb(config.database.url, config.database.poolMax);
  await migrateToLatest(db);
  // The bundled imaging reference data, loaded once into PostgreSQL (a release already there is skipped).
  await seedBundledRefdata(db);
  const connection = await connectWorkerConnection(config);
  const temporal = await connectClient(config);
  const worker = await createWorker({ config, connection, db, temporal });
  // The stalled-exam watchdog runs on a Temporal Schedule (once across all workers); without it /metrics shows no recent sweep.
  await ensureWatchdogSchedule(temporal, config).catch((err: Error) => process.stderr.write(`watchdog schedule: ${err.message}\n`));
  // CLEARINGHOUSE=filedrop: responses dropped into FILEDROP_DIR/inbox are ingested and routed.
  const inbox = startConfiguredInboxPoller({ db, temporal, config, onError: (err) => process.stderr.write(`inbox: ${err.name}\n`) });
  try {
    await worker.run();
  } finally {
    await inbox?.stop();
    await temporal.connection.close();
    await connection.close();
    await db.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm worker: ${err.message}\n`);
  process.exit(1);
});
