import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { buildApp } from '../api/app';
import { signToken } from '../api/tokens';
import { createDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { parseConfig } from '../platform/config';
import { createDataConverter } from '../platform/data-converter';
import type { Role } from '../platform/roles';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { connectClient, connectWorkerConnection } from '../platform/temporal-connection';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { createWorker } from '../worker/create-worker';
import { examWorkflowId } from '../workflows/names';
import { freePort } from '../platform/free-port';
import { percentile } from './percentile';

/**
 * `npm run bench`: N happy-path exams from intake to closed through the API and the in-process
 * payer on the embedded stack (PostgreSQL + Temporal dev server in a temporary directory), then, on
 * the same server, N bare workflows each running as many no-op activities as one exam ran.
 * Prints exams per minute, the per-exam cost ratio to the bare workflow, and API latency p50/p99.
 * A figure, not a test: BENCH_EXAMS (default 20) sets N.
 */
const N = Math.max(1, Number(process.env.BENCH_EXAMS ?? 20));
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR', forward: {} } } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'imaging_rcm' });
    stops.push(pg.stop);
    const temporalServer = await startTemporalDevServer({ dataDir, port: await freePort(), uiPort: await freePort(), namespace: 'default' });
    stops.push(temporalServer.stop);
    const config = parseConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporalServer.address,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PAYLOAD_KEY: randomBytes(32).toString('base64'),
      PAYLOAD_KEY_ID: 'bench',
      TEMPORAL_TASK_QUEUE: 'bench-exams',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    });
    const db = createDb(pg.url, 10);
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    const client = await connectClient(config);
    stops.push(() => client.connection.close());
    const connection = await connectWorkerConnection(config);
    stops.push(() => connection.close());
    const worker = await createWorker({ config, connection, db, temporal: client });
    const bare = await Worker.create({
      connection,
      taskQueue: 'bench-bare',
      dataConverter: createDataConverter(config),
      workflowsPath: require.resolve('../workflows/bench/noop-workflow'),
      activities: { noop: async (i: number) => i },
    });
    const running = [worker.run(), bare.run()];
    stops.push(async () => {
      worker.shutdown();
      bare.shutdown();
      await Promise.all(running);
    });
    const app = await buildApp({ config, db, temporal: client, logger: false });
    const port = await freePort();
    await app.listen({ host: '127.0.0.1', port });
    stops.push(() => app.close());
    const base = `http://127.0.0.1:${port}`;
    const token = (role: Role) => signToken(config.auth.secret!, { sub: `bench-${role}`, roles: [role] }, '1h', config.auth);
    const tokens = { integration: await token('integration'), front_desk: await token('front_desk') };
    const latencies: number[] = [];
    async function call(method: string, url: string, role: keyof typeof tokens, body?: unknown): Promise<Record<string, unknown>> {
      const t = performance.now();
      const res = await fetch(base + url, { method, headers: { authorization: `Bearer ${tokens[role]}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      latencies.push(performance.now() - t);
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    }
    async function waitPhase(examId: string, phase: string): Promise<Record<string, unknown>> {
      for (;;) {
        const exam = await call('GET', `/v1/exams/${examId}`, 'front_desk');
        if (exam.phase === phase) return exam;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    async function oneExam(i: number): Promise<string> {
      const now = new Date().toISOString();
      const created = await call('POST', '/v1/exams', 'integration', {
        accessionNumber: `BENCH-${Date.now()}-${i}`,
        facility: { id: 'main', billingArrangement: 'global', placeOfService: '11' },
        patient: { mrn: `MRN-${i}`, firstName: 'Bench', lastName: 'Patient', birthDate: '1961-04-12', sex: 'F', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' } },
        coverages: [{ payerId: 'medicare-b', memberId: `1EG4TE5MK${String(i).padStart(2, '0')}`, relationship: 'self', order: 'primary' }],
        order: { orderingProviderNpi: '1234567893', modality: 'MR', procedures: [{ cpt: '72148' }], diagnoses: ['M54.16'], priority: 'routine', scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      });
      const examId = created.examId as string;
      await waitPhase(examId, 'awaiting_exam');
      await call('POST', `/v1/exams/${examId}/performed`, 'integration', { performedAt: now, placeOfService: '11', contrast: false, procedures: [{ cpt: '72148', units: 1 }] });
      await call('POST', `/v1/exams/${examId}/report`, 'integration', { status: 'final', signedAt: now, radiologistNpi: '1234567893', diagnoses: ['M54.16'] });
      const billed = await waitPhase(examId, 'patient_balance');
      const owed = (billed.balances as { patientCents: number }).patientCents;
      await call('POST', `/v1/exams/${examId}/payments`, 'front_desk', { amountCents: owed, method: 'card', reference: `PAY-${i}` });
      await waitPhase(examId, 'closed');
      return examId;
    }

    say(`imaging-rcm bench: ${N} exams, intake to closed, on an embedded PostgreSQL and Temporal dev server`);
    const t0 = performance.now();
    const examIds = await Promise.all(Array.from({ length: N }, (_, i) => oneExam(i)));
    const examMs = performance.now() - t0;
    const history = await client.workflow.getHandle(examWorkflowId(examIds[0]!)).fetchHistory();
    const activities = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;

    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, i) => client.workflow.execute('benchNoopWorkflow', { taskQueue: 'bench-bare', workflowId: `bench-bare-${Date.now()}-${i}`, args: [activities] })),
    );
    const bareMs = performance.now() - t1;

    say('');
    say(`  exams closed           ${N} in ${(examMs / 1000).toFixed(1)} s`);
    say(`  exams per minute       ${((N / examMs) * 60_000).toFixed(1)}`);
    say(`  activities per exam    ${activities} (history events per exam: ${history.events?.length ?? 0})`);
    say(`  bare workflows         ${N} x ${activities} no-op activities in ${(bareMs / 1000).toFixed(1)} s`);
    say(`  cost ratio             ${(examMs / bareMs).toFixed(2)}x a bare workflow with as many activities`);
    say(`  API calls              ${latencies.length}, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench failed: ${err.message}\n`);
    process.exit(1);
  },
);
