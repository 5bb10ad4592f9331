import type { Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createDb } from '../db/database';
import { withPhiEncryption } from '../db/phi-encryption';
import { phiCipherOf } from '../platform/phi-cipher';
import { untilItWorks } from '../platform/backoff';
import { loadConfig } from '../platform/config';
import { withDevSecrets } from '../platform/dev-secrets';
import { startHealthServer } from '../platform/health-server';
import { connectClient } from '../platform/temporal-connection';
import { shutdownTracing } from '../platform/tracing';
import { isAddressInUse, readTlsFiles, startHl7Listener } from './listener';
import { loadProfiles } from './profile';

/** `npm run hl7`: the HL7 v2 MLLP listener alone, against TEMPORAL_ADDRESS and DATABASE_URL (HL7_HOST, HL7_PORT). */
async function main(): Promise<void> {
  // The listener verifies no bearer token: like the worker, it needs (and is given) no JWT settings.
  const config = withDevSecrets(loadConfig(process.env, 'hl7'), 'worker');
  const hl7 = config.hl7!;
  if (!config.database.url || !config.temporal.address) {
    process.stderr.write('imaging-rcm hl7: npm run hl7 needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything embedded, the listener included)\n');
    process.exit(78);
  }
  // A bad profile stops the start with the file and the field.
  const profiles = loadProfiles(hl7.profilesDir);
  // TLS files are read at start: a missing one stops it with its name
  const tls = readTlsFiles(hl7.tls);
  const db = createDb(config.database.url, config.database.poolMax, {
    applicationName: config.database.applicationName,
    onConnectionError: (err) => process.stderr.write(`imaging-rcm hl7: database connection lost (${err.name}); the pool reconnects\n`),
  });
  const temporal = await untilItWorks(() => connectClient(config), {
    retryable: () => true,
    onRetry: (err, ms) => process.stderr.write(`imaging-rcm hl7: Temporal not reachable (${(err as Error).name}); retrying in ${ms} ms\n`),
  });
  // The order's exam row is written with its reservation: PHI encrypted at rest, as the API writes it.
  const deps = { db: withPhiEncryption(db, phiCipherOf(config)), temporal, taskQueue: config.temporal.taskQueue, deadlineMs: config.api.updateDeadlineMs, profiles, payloadKeys: config.payloadKeys, ...(config.phiLookupKey ? { phiLookupKey: config.phiLookupKey } : {}) };
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const listener = await startHl7Listener(deps, { host: hl7.host, port: hl7.port, maxMessageBytes: hl7.maxMessageBytes, encoding: hl7.encoding, holdHours: hl7.holdHours, log, ...(tls ? { tls } : {}) }).catch((err: unknown) => {
    if (isAddressInUse(err)) {
      process.stderr.write(`imaging-rcm hl7: port ${hl7.port} on ${hl7.host} is taken; set HL7_PORT to a free port\n`);
      process.exit(78);
    }
    throw err;
  });
  log(`imaging-rcm hl7: MLLP${tls ? ' over TLS' : ''} listener on ${listener.host}:${listener.port} (profiles: ${profiles.all.map((p) => p.name).join(', ')})`);
  // HEALTH_PORT: /healthz while the process runs; /readyz when PostgreSQL and Temporal answer.
  const connection = temporal.connection as Connection;
  const health = config.health
    ? await startHealthServer({
        ...config.health,
        checks: {
          database: () => sql`select 1`.execute(db),
          temporal: () => connection.withDeadline(Date.now() + 2000, () => connection.healthService.check({})),
        },
      })
    : undefined;
  if (health) log(`imaging-rcm hl7: health on ${health.host}:${health.port} (/healthz, /readyz)`);
  const shutdown = () => {
    void listener.close().then(async () => {
      await health?.close();
      await temporal.connection.close();
      await db.destroy();
      await shutdownTracing();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm hl7: ${err.message}\n`);
  process.exit(1);
});
