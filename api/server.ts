import { createDb } from '../db/database';
import { withPhiEncryption } from '../db/phi-encryption';
import { phiCipherOf } from '../platform/phi-cipher';
import { untilItWorks } from '../platform/backoff';
import { loadConfig } from '../platform/config';
import { withDevSecrets } from '../platform/dev-secrets';
import { connectClient } from '../platform/temporal-connection';
import { shutdownTracing } from '../platform/tracing';
import { buildApp } from './app';

/** `npm run api`: the HTTP API alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
async function main(): Promise<void> {
  const config = withDevSecrets(loadConfig());
  if (!config.database.url || !config.temporal.address) {
    process.stderr.write('imaging-rcm: npm run api needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything embedded)\n');
    process.exit(78);
  }
  // PostgreSQL down: requests answer 503 until it is back (the pool reconnects on its own).
  const db = createDb(config.database.url, config.database.poolMax, {
    applicationName: config.database.applicationName,
    onConnectionError: (err) => process.stderr.write(`imaging-rcm api: database connection lost (${err.name}); the pool reconnects\n`),
  });
  // Temporal down at start: wait for it (the gRPC channel reconnects by itself afterwards).
  const temporal = await untilItWorks(() => connectClient(config), {
    retryable: () => true,
    onRetry: (err, ms) => process.stderr.write(`imaging-rcm api: Temporal not reachable (${(err as Error).name}); retrying in ${ms} ms\n`),
  });
  const app = await buildApp({ config, db: withPhiEncryption(db, phiCipherOf(config)), temporal });
  app.addHook('onClose', async () => {
    await temporal.connection.close();
    await db.destroy();
    await shutdownTracing();
  });
  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down: no new requests');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ host: config.api.host, port: config.api.port });
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm api: ${err.message}\n`);
  process.exit(1);
});
