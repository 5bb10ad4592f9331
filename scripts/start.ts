import path from 'node:path';
import { Runtime, bundleWorkflowCode } from '@temporalio/worker';
import { buildApp } from '../api/app';
import { signToken } from '../api/tokens';
import { seedBundledRefdata } from '../activities/refdata/seed-bundled-refdata';
import { createDb } from '../db/database';
import { ensureAppLogin, urlAs } from '../db/app-role';
import { migrateToLatest, migrationUrlOf } from '../db/migrate';
import { withPhiEncryption } from '../db/phi-encryption';
import { phiCipherOf } from '../platform/phi-cipher';
import { type Config, loadConfig } from '../platform/config';
import { FAILURE_CONVERTER_PATH, PAYLOAD_CONVERTER_PATH } from '../platform/data-converter';
import { withDevSecrets } from '../platform/dev-secrets';
import { shutdownTracing, workflowTracingModules } from '../platform/tracing';
import { createWorkerLogger } from '../platform/worker-logger';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { ROLES } from '../platform/roles';
import { connectClient } from '../platform/temporal-connection';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { runResilientWorker } from '../worker/resilient-worker';
import { isAddressInUse, readTlsFiles, startHl7Listener } from '../hl7/listener';
import { loadProfiles } from '../hl7/profile';

/**
 * `npm start`: everything in one process tree. With DATABASE_URL unset an embedded PostgreSQL runs on
 * the data directory; with TEMPORAL_ADDRESS unset a Temporal dev server (SQLite file in the same
 * directory, Web UI) runs beside it. Then migrations, the worker and the API. Ctrl-C stops it all.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);
const stops: { name: string; stop: () => Promise<unknown> }[] = [];
let stopping = false;

async function shutdown(reason: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`\n${reason}: stopping (HL7 listener, API, worker, Temporal, PostgreSQL)...`);
  for (const { name, stop } of [...stops].reverse()) {
    await stop().catch((err: Error) => process.stderr.write(`stopping ${name}: ${err.message}\n`));
  }
  say('stopped.');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let config: Config = withDevSecrets(loadConfig(process.env, 'all'), 'all');
  // Our own signal handling decides the order of shutdown.
  Runtime.install({ shutdownSignals: [], logger: createWorkerLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });

  // The migrations run as the owner role; the worker, the API and the HL7 listener connect as the application's
  // role, which may not alter the audit trail. The embedded PostgreSQL gets a login of that role, new each run.
  let ownerUrl = migrationUrlOf(config, say);
  const embedded = !config.database.url;
  if (embedded) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.database.embeddedPort, database: 'imaging_rcm' });
    stops.push({ name: 'PostgreSQL', stop: pg.stop });
    ownerUrl = pg.url;
  }
  const owner = createDb(ownerUrl!, 2);
  try {
    await migrateToLatest(owner, { onWait: (reason, attempt) => attempt === 1 && say(`waiting for PostgreSQL (${reason})...`) });
    // The bundled imaging reference data, loaded once into PostgreSQL (a release already there is skipped).
    await seedBundledRefdata(owner);
    if (embedded) {
      const login = await ensureAppLogin(owner);
      config = { ...config, database: { ...config.database, url: urlAs(ownerUrl!, login.user, login.password) } };
    }
  } finally {
    await owner.destroy();
  }
  let temporalUiUrl = config.temporal.uiUrl;
  if (!config.temporal.address) {
    const devServer = await startTemporalDevServer({
      dataDir: config.dataDir,
      port: config.temporal.devServerPort,
      uiPort: config.temporal.uiPort,
      namespace: config.temporal.namespace,
      codecEndpoint: `http://localhost:${config.api.port}/codec`,
      log: config.logLevel === 'debug' || config.logLevel === 'trace' ? (line) => process.stderr.write(`[temporal] ${line}\n`) : undefined,
    });
    stops.push({ name: 'Temporal dev server', stop: devServer.stop });
    temporalUiUrl = devServer.uiUrl;
    config = { ...config, temporal: { ...config.temporal, address: devServer.address, uiUrl: devServer.uiUrl } };
  }

  const db = createDb(config.database.url!, config.database.poolMax, {
    applicationName: config.database.applicationName,
    onConnectionError: (err) => process.stderr.write(`database connection lost (${err.name}); the pool reconnects\n`),
  });
  stops.push({ name: 'database pool', stop: () => db.destroy() });
  // PHI is encrypted at rest from here on (the migrations above work on the schema, not on PHI).
  const phiDb = withPhiEncryption(db, phiCipherOf(config));

  // Traces (OTEL_EXPORTER_OTLP_ENDPOINT): flushed last, after everything that makes spans has stopped.
  stops.push({ name: 'traces', stop: shutdownTracing });
  const temporal = await connectClient(config);
  stops.push({ name: 'Temporal client', stop: () => temporal.connection.close() });
  // The worker reconnects by itself when it stops on a Temporal outage; it ends only with the process.
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath: FAILURE_CONVERTER_PATH, payloadConverterPath: PAYLOAD_CONVERTER_PATH, workflowInterceptorModules: workflowTracingModules(config) });
  let current: { shutdown(): void; getState(): string } | undefined;
  const workerRun = runResilientWorker({
    config,
    db: phiDb,
    workflowCode: code,
    stopping: () => stopping,
    say: (line) => process.stderr.write(`worker: ${line}\n`),
    onRunning: (worker) => (current = worker),
  });
  stops.push({
    name: 'worker',
    stop: async () => {
      if (current?.getState() === 'RUNNING') current.shutdown();
      await workerRun;
    },
  });

  const app = await buildApp({ config, db: phiDb, temporal });
  await app.listen({ host: config.api.host, port: config.api.port });
  stops.push({ name: 'API', stop: () => app.close() });

  // The HL7 v2 MLLP listener. Its port taken (another interface engine on 2575): a free port instead, said below.
  const hl7 = config.hl7!;
  const hl7Deps = { db: phiDb, temporal, taskQueue: config.temporal.taskQueue, deadlineMs: config.api.updateDeadlineMs, profiles: loadProfiles(hl7.profilesDir), payloadKeys: config.payloadKeys, ...(config.phiLookupKey ? { phiLookupKey: config.phiLookupKey } : {}) };
  const hl7Options = { host: hl7.host, port: hl7.port, maxMessageBytes: hl7.maxMessageBytes, encoding: hl7.encoding, holdHours: hl7.holdHours, ...(hl7.tls ? { tls: readTlsFiles(hl7.tls)! } : {}), log: (line: string) => process.stderr.write(`${line}\n`) };
  let hl7Note = '';
  const listener = await startHl7Listener(hl7Deps, hl7Options).catch(async (err: unknown) => {
    if (!isAddressInUse(err)) throw err;
    hl7Note = ` (port ${hl7.port} was taken: set HL7_PORT to choose)`;
    return startHl7Listener(hl7Deps, { ...hl7Options, port: 0 });
  });
  stops.push({ name: 'HL7 listener', stop: () => listener.close() });

  // The embedded-postgres package installs exit hooks of its own that would end the process before
  // the worker and the API have stopped; from here on, shutdown goes in order through ours.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }

  const apiUrl = `http://localhost:${config.api.port}`;
  say('');
  say('imaging-rcm is running');
  say(`  API          ${apiUrl}`);
  say(`  API docs     ${apiUrl}/docs`);
  say(`  Console      ${apiUrl}/console/`);
  say(`  HL7 (MLLP)   ${listener.host}:${listener.port}${hl7Note}`);
  say(`  Temporal UI  ${temporalUiUrl ?? '(external Temporal: see your cluster UI)'}`);
  say(`  data         ${config.dataDir}`);
  if (config.auth.secret) {
    say('');
    say('Bearer tokens (valid 30 days), one per role:');
    for (const role of ROLES) {
      const token = await signToken(config.auth.secret, { sub: `dev-${role.replace('_', '-')}`, roles: [role] }, '30d', config.auth);
      say(`  ${role.padEnd(12)} ${token}`);
    }
    say('');
    say(`Decoded histories in the Temporal UI: open ${apiUrl}/codec/session, paste the supervisor token (a 15-minute session),`);
    say('then tick "Include cross-origin credentials" in the UI\'s codec server settings.');
  }
  say('Press Ctrl-C to stop.');

  workerRun.catch((err: Error) => {
    process.stderr.write(`worker stopped: ${err.name}\n`);
    void shutdown('worker failure', 1);
  });
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm: ${err.message}\n`);
  void shutdown('start-up failed', 1);
});
