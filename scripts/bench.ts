import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection, Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import { signToken } from '../api/tokens';
import { seedBundledRefdata } from '../activities/refdata/seed-bundled-refdata';
import { type Db, createDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { SERVICE_NAMES, parseConfig } from '../platform/config';
import { createDataConverter } from '../platform/data-converter';
import type { Role } from '../platform/roles';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { cancelExamUpdate, patientPaymentUpdate, resolveTaskUpdate } from '../workflows/exam/messages';
import { examWorkflowId } from '../workflows/names';
import { freePort } from '../platform/free-port';
import { percentile } from './percentile';
import { type BenchPoint, benchChart } from './bench-chart';

/**
 * `npm run bench`: a day in miniature. BENCH_EXAMS exams arrive at a fixed rate (BENCH_RATE per minute) through
 * the API with the sandbox scenario mix (paid, denied then appealed, rejected then resubmitted, partial with a
 * write-off, Medicare-Medicaid crossover, prior authorization approved by the payer or obtained by staff), while
 * BENCH_CLIENTS scripted staff clients work their queues (list, claim, resolve), read exams, post patient
 * payments and run reports. BENCH_WORKERS worker processes and as many API processes share one Temporal dev
 * server and one PostgreSQL (BENCH_COMPARE_WORKERS=1: one worker, then two, and the ratio). On the same server
 * in the same run, as many bare workflows each run as many no-op activities as an exam did: the cost ratio is
 * the engine's CPU per exam (worker, Temporal, PostgreSQL) over the bare workflow's.
 *
 * Prints a table and writes bench-results/bench.json and bench-results/bench.svg. Figures, never assertions.
 */
const EXAMS = Math.max(1, Number(process.env.BENCH_EXAMS ?? 1000));
const CLIENTS = Math.max(0, Number(process.env.BENCH_CLIENTS ?? 50));
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 1));
const COMPARE = process.env.BENCH_COMPARE_WORKERS === '1';
const RATE = Math.max(1, Number(process.env.BENCH_RATE ?? 300));
/** a staff client's pause between two steps (ms, jittered ±50 %) */
const THINK_MS = Math.max(0, Number(process.env.BENCH_THINK_MS ?? 1000));
/** how long an exam may take from intake to closed before it counts as unfinished */
const EXAM_TIMEOUT_MS = Math.max(10_000, Number(process.env.BENCH_EXAM_TIMEOUT_MS ?? 600_000));
/** history shards of the run's Temporal dev server (1, as the Temporal CLI's; the compose file's Temporal has 4) */
const SHARDS = Math.max(1, Number(process.env.BENCH_HISTORY_SHARDS ?? 1));
const OUT_DIR = process.env.BENCH_OUT ?? 'bench-results';
/** BENCH_PG_STATEMENTS=<n>: PostgreSQL counts its statements (pg_stat_statements) while exams run; the n most costly are printed */
const PG_STATEMENTS = Math.max(0, Number(process.env.BENCH_PG_STATEMENTS ?? 0));
/** the updates a staff member sends (answered by a workflow task of their own) */
const STAFF_UPDATES = new Set([resolveTaskUpdate.name, patientPaymentUpdate.name, cancelExamUpdate.name]);
const BUCKET_S = 10;
const TASK_QUEUE = 'bench-exams';
const BARE_QUEUE = 'bench-bare';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.5 + Math.random());

type RouteClass = 'intake' | 'event' | 'task list' | 'task claim' | 'task resolve' | 'exam read' | 'payment' | 'reports';
const ROUTE_CLASSES: RouteClass[] = ['intake', 'event', 'task list', 'task claim', 'task resolve', 'exam read', 'payment', 'reports'];

type Scenario = 'paid' | 'denied' | 'rejected' | 'partial' | 'crossover' | 'prior-auth' | 'prior-auth-staff';
/** Twenty exams of the day: the sandbox scenario mix, repeated. */
const MIX: Scenario[] = [
  'paid', 'denied', 'paid', 'rejected', 'paid', 'partial', 'paid', 'crossover', 'paid', 'prior-auth',
  'paid', 'denied', 'paid', 'rejected', 'paid', 'partial', 'crossover', 'paid', 'prior-auth', 'prior-auth-staff',
];

/** What a staff member does with each kind of task the mix opens (the rest stay for tomorrow). */
function resolutionFor(type: string, today: string): Record<string, unknown> | undefined {
  switch (type) {
    case 'denial-work':
      return { action: 'appeal', note: 'bench' };
    case 'claim-rejected':
      return { action: 'resubmit', corrections: ['subscriber id'] };
    case 'write-off-approval':
      return { action: 'approve' };
    case 'prior-auth-obtain':
      return { action: 'approved', authNumber: `AUTH-${randomBytes(3).toString('hex')}`, validFrom: today, validTo: new Date(Date.parse(today) + 90 * 86_400_000).toISOString().slice(0, 10), cpts: ['72148'], units: 1 };
    case 'coding-review':
      return { action: 'accept' };
    default:
      return undefined;
  }
}

interface Sample {
  cls: RouteClass;
  at: number;
  ms: number;
  status: number;
}

interface Proc {
  kind: 'worker' | 'api' | 'bare';
  child: ChildProcess;
  port?: number;
}

/** CPU seconds of a process so far: utime, stime, cutime, cstime (fields 14-17 of /proc/<pid>/stat) at 100 ticks a second. */
function cpuSecondsOf(stat: string): { ppid: number; cpu: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100 };
}

/**
 * PostgreSQL's CPU by the service each backend served (its connection's `application_name`: the processes'
 * `SERVICE_NAMES`, the bench's own), sampled once a second from pg_stat_activity and /proc. A backend that ends
 * between two samples takes its last second with it: a service's figure is a lower bound, and what no sample
 * attributes stays in PostgreSQL's total (the engine's share below).
 */
function postgresCpuByService(db: Db) {
  /** by backend (pid and start time: a pid can be reused), its service and CPU when last seen */
  const seen = new Map<string, { service: string; cpu: number }>();
  const sample = async (): Promise<void> => {
    const rows = (await sql<{ pid: number; started: string; service: string }>`select pid, backend_start::text as started, application_name as service from pg_stat_activity where application_name <> ''`.execute(db)).rows;
    for (const { pid, started, service } of rows) {
      try {
        seen.set(`${pid}@${started}`, { service, cpu: cpuSecondsOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).cpu });
      } catch {
        // the backend ended meanwhile
      }
    }
  };
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample).catch(() => undefined);
  }, 1000);
  timer.unref();
  return {
    /** CPU seconds so far by service, after a fresh sample */
    async totals(): Promise<Record<string, number>> {
      await (sampling = sampling.then(sample).catch(() => undefined));
      const out: Record<string, number> = {};
      for (const { service, cpu } of seen.values()) out[service] = (out[service] ?? 0) + cpu;
      return out;
    },
    stop: () => clearInterval(timer),
  };
}

/** The bench's own connection to PostgreSQL (its reads are not the engine's work). */
const BENCH_APPLICATION = 'imaging-rcm-bench';

/** CPU seconds so far of the processes this bench started, by kind (from /proc; children reaped included). */
function cpuByKind(): Record<string, number> {
  const stats = new Map<number, { ppid: number; cpu: number; kind: string }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, cpu } = cpuSecondsOf(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const kind = /worker\/main\.js/.test(cmd) ? 'worker' : /api\/server\.js/.test(cmd) ? 'api' : /bench-bare-worker/.test(cmd) ? 'bare' : /postgres/.test(cmd) ? 'postgres' : /temporal/.test(cmd) ? 'temporal' : 'other';
      stats.set(Number(entry), { ppid, cpu, kind });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, i = 0; p > 1 && i < 50; i += 1) {
      if (p === process.pid) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  const out: Record<string, number> = {};
  for (const [pid, s] of stats) {
    if (pid === process.pid || !mine(pid)) continue;
    // a postgres backend or the dev server's children count as their parent's kind
    let kind = s.kind;
    if (kind === 'other') kind = stats.get(s.ppid)?.kind ?? 'other';
    out[kind] = (out[kind] ?? 0) + s.cpu;
  }
  return out;
}

const diffCpu = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));

interface RunResult {
  workers: number;
  exams: number;
  closed: number;
  unfinished: number;
  arrivalPerMinute: number;
  examsPerMinute: number;
  examLatencyMs: { p50: number; p95: number; p99: number };
  /** activities an exam ran, local ones included (the bare workflow runs as many, all on the server) */
  activitiesPerExam: number;
  localActivitiesPerExam: number;
  historyEventsPerExam: number;
  historyBytesPerExam: number;
  largestPayloadBytes: number;
  /** the sampled exams' workflow tasks: waiting for a worker (scheduled to started) and running (started to completed, local activities included) */
  workflowTaskMs: {
    wait: { p50: number; p99: number };
    run: { p50: number; p99: number };
    /** the tasks that answered an update (an update is answered when its task completes): their run, and the local activities run in them */
    answeringUpdate: Record<'staff' | 'integration', { tasks: number; waitP50: number; waitP99: number; p50: number; p99: number; localActivitiesP50: number; localActivitiesMax: number }>;
  };
  /** BENCH_PG_STATEMENTS: PostgreSQL's most costly statements while the exams ran (time spent executing them) */
  topStatements?: { query: string; calls: number; totalMs: number; meanMs: number; rows: number }[];
  /**
   * Workflow tasks lost on the way in a sample of all the exams, unfinished ones included: timed out (by timeout: a
   * task its sticky worker did not start in time goes back to the task queue, and the next worker replays the exam's
   * whole history) or failed (by cause).
   */
  workflowTasksLost: { sampledExams: number; timedOut: Record<string, number>; failed: Record<string, number> };
  /** `stalled-exam` tasks opened in the run (each an urgent alarm in the supervisor queue) */
  stalledExamTasks: number;
  databaseBytesPerExam: number;
  cpuSecondsPerExam: number;
  bareCpuSecondsPerWorkflow: number;
  costRatio: number;
  /** the cost ratio counting all of PostgreSQL's CPU, the API's and the bench's connections included (the definition before) */
  costRatioAllPostgres: number;
  cpuByProcess: Record<string, number>;
  /** PostgreSQL's CPU (s) for the API's connections and for the bench's own (lower bounds), part of cpuByProcess.postgres */
  postgresCpuFor: { api: number; bench: number };
  scenarios: Record<string, { started: number; closed: number }>;
  routes: Record<string, { calls: number; p50: number; p95: number; p99: number; errors: Record<string, number>; retried: number }>;
  readAfterIntake: { reads: number; notReady: number };
  series: BenchPoint[];
  durationS: number;
}

async function runOnce(workers: number): Promise<RunResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const stops: (() => Promise<unknown>)[] = [];
  const procs: Proc[] = [];
  try {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'imaging_rcm', ...(PG_STATEMENTS > 0 ? { settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.max': '2000' } } : {}) });
    stops.push(pg.stop);
    const temporalServer = await startTemporalDevServer({ dataDir, port: await freePort(), uiPort: await freePort(), namespace: 'default', historyShards: SHARDS });
    stops.push(temporalServer.stop);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      DATABASE_URL: pg.url,
      DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '10',
      TEMPORAL_ADDRESS: temporalServer.address,
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_ISSUER: 'imaging-rcm-bench',
      JWT_AUDIENCE: 'imaging-rcm',
      PAYLOAD_KEY: randomBytes(32).toString('base64'),
      PAYLOAD_KEY_ID: 'bench',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
      RCM_DATA_DIR: dataDir,
      ...(process.env.WORKFLOW_STACK_FRAMES ? { WORKFLOW_STACK_FRAMES: process.env.WORKFLOW_STACK_FRAMES } : {}),
    };
    const config = parseConfig(env);
    const db = createDb(pg.url, 4, { applicationName: BENCH_APPLICATION });
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    await seedBundledRefdata(db);

    const dist = path.resolve(__dirname, '..');
    const start = (kind: Proc['kind'], script: string, extra: NodeJS.ProcessEnv = {}) => {
      // BENCH_PROFILE=<dir>: the worker and API processes write V8 CPU profiles there (one per thread) when they stop
      const profile = process.env.BENCH_PROFILE && kind !== 'bare' ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE, `${kind}-${procs.length}`)}`] : [];
      const child = spawn(process.execPath, [...profile, path.join(dist, script)], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
      let tail = '';
      // BENCH_LOGS=<dir>: each process's log (stderr) kept in full, one file per process
      const log = process.env.BENCH_LOGS ? fs.createWriteStream(path.join(process.env.BENCH_LOGS, `${kind}-${procs.length}.log`)) : undefined;
      child.stderr!.on('data', (b: Buffer) => {
        tail = (tail + b.toString()).slice(-2000);
        log?.write(b);
      });
      child.once('exit', (code) => {
        if (code && code !== 0 && !stopping) process.stderr.write(`bench: a ${kind} process ended (${code}): ${tail}\n`);
      });
      const p: Proc = { kind, child, ...(extra.API_PORT ? { port: Number(extra.API_PORT) } : {}) };
      procs.push(p);
      return p;
    };
    let stopping = false;
    stops.push(async () => {
      stopping = true;
      await Promise.all(procs.map((p) => new Promise<void>((resolve) => {
        if (p.child.exitCode !== null) return resolve();
        p.child.once('exit', () => resolve());
        p.child.kill('SIGTERM');
        setTimeout(() => p.child.kill('SIGKILL'), 25_000).unref();
      })));
    });
    for (let i = 0; i < workers; i += 1) {
      start('worker', 'worker/main.js');
      start('api', 'api/server.js', { API_PORT: String(await freePort()) });
      start('bare', 'scripts/bench-bare-worker.js', { BENCH_BARE_TASK_QUEUE: BARE_QUEUE });
    }
    const connection = await Connection.connect({ address: temporalServer.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default', dataConverter: createDataConverter(config) });

    // Ready: every API answers /readyz, every worker polls its task queue.
    const apis = procs.filter((p) => p.kind === 'api').map((p) => `http://127.0.0.1:${p.port}`);
    for (const base of apis) {
      for (;;) {
        const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
        if (ok) break;
        await sleep(250);
      }
    }
    const pollers = async (queue: string, type: proto.api.enums.v1.TaskQueueType) =>
      (await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: queue }, taskQueueType: type })).pollers?.length ?? 0;
    for (;;) {
      const [w, a, b] = await Promise.all([
        pollers(TASK_QUEUE, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
        pollers(TASK_QUEUE, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
        pollers(BARE_QUEUE, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
      ]);
      if (w >= workers && a >= workers && b >= workers) break;
      await sleep(500);
    }

    const tokenOf = async (role: Role, n: number) => signToken(env.JWT_SECRET!, { sub: `bench-${role}-${n}`, roles: [role] }, '2h', config.auth);
    const integration = await tokenOf('integration', 0);
    const readerToken = await tokenOf('front_desk', 0);
    const samples: Sample[] = [];
    const errors: Record<string, Record<string, number>> = {};
    const retried: Record<string, number> = {};
    let t0 = 0;
    let nextApi = 0;

    /** One API call, retried as the API says (429, 503 with Retry-After); each try is one latency sample. */
    async function call(cls: RouteClass, token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
      const base = apis[nextApi++ % apis.length]!;
      for (let attempt = 0; ; attempt += 1) {
        const t = performance.now();
        let status = 0;
        let json: Record<string, unknown> = {};
        let retryAfter: string | null = null;
        try {
          const res = await fetch(base + url, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
          status = res.status;
          retryAfter = res.headers.get('retry-after');
          json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        } catch {
          status = 0;
        }
        const ms = performance.now() - t;
        samples.push({ cls, at: performance.now(), ms, status });
        // what the API says to send again: 429, 503 and an event no worker took yet (202 with Retry-After)
        const retry = (status === 429 || status === 503 || status === 0 || (status === 202 && retryAfter !== null)) && attempt < 20;
        if (!retry) {
          if (status >= 400 || status === 0 || (status === 202 && retryAfter !== null)) {
            const code = status === 202 ? 'never_taken' : String((json.error as { code?: string } | undefined)?.code ?? status);
            const byCls = (errors[cls] ??= {});
            byCls[code] = (byCls[code] ?? 0) + 1;
          }
          return { status, json };
        }
        retried[cls] = (retried[cls] ?? 0) + 1;
        await sleep(retryAfter && Number(retryAfter) > 0 ? Math.min(5000, Number(retryAfter) * 1000) : 250 * (attempt + 1));
      }
    }

    // The exams of the day, their scenario and what became of them.
    const examIds: string[] = [];
    const scenarioOf = new Map<string, Scenario>();
    const intakeAt = new Map<string, number>();
    const closedAt = new Map<string, number>();
    const payable: string[] = [];
    const paid = new Set<string>();
    const readAfterIntake = { reads: 0, notReady: 0 };
    const scenarios: RunResult['scenarios'] = {};
    let arrivalsDone = false;

    const today = new Date().toISOString().slice(0, 10);
    function intakeBody(i: number, scenario: Scenario) {
      const tag = `${Date.now().toString(36)}${i}`;
      const coverage = (payerId: string, memberId: string, order: 'primary' | 'secondary') => ({ payerId, memberId, relationship: 'self', order });
      const coverages =
        scenario === 'denied' ? [coverage('commercial-a', `DENY50-${i}`, 'primary')]
        : scenario === 'rejected' ? [coverage('medicare-b', `REJECT-${i}`, 'primary')]
        : scenario === 'partial' ? [coverage('medicare-b', `PARTIAL-${i}`, 'primary')]
        : scenario === 'crossover' ? [coverage('medicare-b', `XOVER-1EG4TE5MK${i}`, 'primary'), coverage('medicaid', `MCD-${i}`, 'secondary')]
        : scenario === 'prior-auth' ? [coverage('medicare-advantage', `PAREQ-${i}`, 'primary')]
        : scenario === 'prior-auth-staff' ? [coverage('medicare-advantage', `PADENY-${i}`, 'primary')]
        : [coverage('medicare-b', `1EG4TE5MK${i}`, 'primary')];
      return {
        accessionNumber: `BENCH-${tag}`,
        facility: { id: 'main', billingArrangement: 'global', placeOfService: '11' },
        patient: { mrn: `MRN-B${tag}`, firstName: 'Bench', lastName: 'Patient', birthDate: '1961-04-12', sex: 'F', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' } },
        coverages,
        order: { orderingProviderNpi: '1234567893', modality: 'MR', procedures: scenario === 'partial' ? [{ cpt: '72148' }, { cpt: '72141' }] : [{ cpt: '72148' }], diagnoses: ['M54.16'], priority: 'routine', scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      };
    }

    /** The RIS: the order, then (the exam done and read) performed and the final report. */
    async function oneExam(i: number): Promise<void> {
      const scenario = MIX[i % MIX.length]!;
      const s = (scenarios[scenario] ??= { started: 0, closed: 0 });
      s.started += 1;
      const body = intakeBody(i, scenario);
      const created = await call('intake', integration, 'POST', '/v1/exams', body);
      if (created.status !== 201) return;
      const examId = created.json.examId as string;
      examIds.push(examId);
      scenarioOf.set(examId, scenario);
      intakeAt.set(examId, performance.now());
      // Read your own write: the RIS reads back what it created, at once.
      const read = await call('exam read', readerToken, 'GET', `/v1/exams/${examId}`);
      readAfterIntake.reads += 1;
      if (read.status !== 200) readAfterIntake.notReady += 1;
      await sleep(jitter(2000));
      const now = new Date().toISOString();
      const procedures = body.order.procedures.map((p) => ({ cpt: p.cpt, units: 1 }));
      await call('event', integration, 'POST', `/v1/exams/${examId}/performed`, { performedAt: now, placeOfService: '11', contrast: false, procedures });
      await sleep(jitter(2000));
      await call('event', integration, 'POST', `/v1/exams/${examId}/report`, { status: 'final', signedAt: new Date().toISOString(), radiologistNpi: '1234567893', diagnoses: ['M54.16'] });
    }

    /** The bench's own watch on the day (not API traffic): which exams closed, which await a patient payment. */
    async function watch(): Promise<void> {
      while (!arrivalsDone || closedAt.size < examIds.length) {
        const open = examIds.filter((id) => !closedAt.has(id));
        for (let k = 0; k < open.length; k += 500) {
          const rows = await db.selectFrom('exams').select(['exam_id', 'phase', 'status']).where('exam_id', 'in', open.slice(k, k + 500)).execute();
          for (const r of rows) {
            if (r.phase === 'closed' || r.phase === 'cancelled') {
              closedAt.set(r.exam_id, performance.now());
              const sc = scenarios[scenarioOf.get(r.exam_id)!];
              if (sc && r.phase === 'closed') sc.closed += 1;
            } else if (r.phase === 'patient_balance' && !paid.has(r.exam_id)) {
              paid.add(r.exam_id);
              payable.push(r.exam_id);
            }
          }
        }
        const oldest = open.reduce((m, id) => Math.min(m, intakeAt.get(id) ?? Infinity), Infinity);
        if (arrivalsDone && performance.now() - oldest > EXAM_TIMEOUT_MS) break;
        await sleep(500);
      }
    }

    const staffRoles: Role[] = ['front_desk', 'biller', 'supervisor', 'biller', 'front_desk', 'biller', 'coder', 'front_desk', 'biller', 'supervisor'];
    /** A member of the billing floor: works a queue, reads exams, takes payments, runs reports. */
    async function staff(n: number, done: () => boolean): Promise<void> {
      const role = staffRoles[n % staffRoles.length]!;
      const token = await tokenOf(role, n);
      const queue = role === 'supervisor' ? 'supervisor' : role;
      let step = 0;
      await sleep(jitter(THINK_MS));
      while (!done()) {
        step += 1;
        const list = await call('task list', token, 'GET', `/v1/tasks?queue=${queue}&status=open&limit=20`);
        const tasks = ((list.json.tasks as { taskId: string; type: string; assignee: string | null }[] | undefined) ?? []).filter((t) => resolutionFor(t.type, today) && (t.assignee === null || t.assignee === `bench-${role}-${n}`));
        if (tasks.length > 0) {
          // A task of one's own still open (its resolution not taken yet) first; else "next task" of a type this
          // client knows how to resolve: the API hands each person a different one.
          let task: { taskId: string; type: string } | null = tasks.find((t) => t.assignee !== null) ?? null;
          if (!task) {
            const claimed = await call('task claim', token, 'POST', '/v1/tasks/claim-next', { queue, type: tasks[0]!.type });
            task = claimed.status === 200 ? (claimed.json.task as { taskId: string; type: string } | null) : null;
          }
          if (task) await call('task resolve', token, 'POST', `/v1/tasks/${task.taskId}/resolve`, resolutionFor(task.type, today));
        }
        if (role === 'front_desk' && payable.length > 0) {
          const examId = payable.shift()!;
          const exam = await call('exam read', token, 'GET', `/v1/exams/${examId}`);
          const owed = (exam.json.balances as { patientCents?: number } | undefined)?.patientCents ?? 0;
          if (owed > 0) await call('payment', token, 'POST', `/v1/exams/${examId}/payments`, { amountCents: owed, method: 'card', reference: `PAY-${examId}` });
          else paid.delete(examId);
        } else if (examIds.length > 0) {
          await call('exam read', token, 'GET', `/v1/exams/${examIds[Math.floor(Math.random() * examIds.length)]}`);
        }
        if (role === 'supervisor' && step % 5 === 0) {
          const report = ['/v1/reports/ar-aging', `/v1/reports/kpis?from=${today}&to=${today}`, `/v1/reports/denials?from=${today}&to=${today}`][step % 3]!;
          await call('reports', token, 'GET', report);
        }
        await sleep(jitter(THINK_MS));
      }
    }

    if (PG_STATEMENTS > 0) {
      await sql`create extension if not exists pg_stat_statements`.execute(db);
      await sql`select pg_stat_statements_reset()`.execute(db);
    }
    const dbBefore = Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db)).rows[0]!.n);
    const cpu0 = cpuByKind();
    const postgresMeter = postgresCpuByService(db);
    stops.push(async () => postgresMeter.stop());
    const postgres0 = await postgresMeter.totals();
    say(`  ${workers} worker(s): ${EXAMS} exams at ${RATE}/min, ${CLIENTS} staff clients`);
    t0 = performance.now();
    let finished = false;
    const staffDone = () => finished;
    const floor = Array.from({ length: CLIENTS }, (_, n) => staff(n, staffDone));
    const watching = watch();
    const arrivals: Promise<void>[] = [];
    for (let i = 0; i < EXAMS; i += 1) {
      const due = t0 + (i * 60_000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      arrivals.push(oneExam(i).catch((err: Error) => void process.stderr.write(`bench: exam ${i}: ${err.message}\n`)));
    }
    await Promise.all(arrivals);
    arrivalsDone = true;
    await watching;
    finished = true;
    await Promise.all(floor);
    const tEnd = performance.now();
    const stuck = examIds.filter((id) => !closedAt.has(id));
    if (stuck.length > 0) {
      const phases = await db.selectFrom('exams').select(['phase']).select((eb) => eb.fn.countAll<number>().as('n')).where('exam_id', 'in', stuck).groupBy('phase').execute();
      const open = await db.selectFrom('tasks').select(['type']).select((eb) => eb.fn.countAll<number>().as('n')).where('exam_id', 'in', stuck).where('status', '=', 'open').groupBy('type').execute();
      const stalled = await db.selectFrom('tasks').select('context').where('exam_id', 'in', stuck).where('type', '=', 'stalled-exam').limit(3).execute();
      for (const t of stalled) say(`    stalled: ${JSON.stringify(t.context).slice(0, 600)}`);
      say(`    unfinished exams by phase: ${phases.map((p) => `${p.phase} ${p.n}`).join(', ')}; their open tasks: ${open.map((t) => `${t.type} ${t.n}`).join(', ') || 'none'}`);
    }
    // The supervisor's alarms: an exam left waiting on nothing (the lifecycle's check) or found so by the watchdog.
    const stalledExamTasks = Number((await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'stalled-exam').executeTakeFirst())?.n ?? 0);
    const cpu1 = cpuByKind();
    const postgres1 = await postgresMeter.totals();
    postgresMeter.stop();
    const topStatements =
      PG_STATEMENTS > 0
        ? (
            await sql<{ query: string; calls: string; total_ms: number; mean_ms: number; rows: string }>`
              select left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 160) as query, calls, total_exec_time as total_ms, mean_exec_time as mean_ms, rows
              from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
              order by total_exec_time desc limit ${PG_STATEMENTS}`.execute(db)
          ).rows.map((r) => ({ query: r.query, calls: Number(r.calls), totalMs: round(r.total_ms), meanMs: round(r.mean_ms, 2), rows: Number(r.rows) }))
        : undefined;
    const dbAfter = Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db)).rows[0]!.n);

    // History of a sample of closed exams: events, bytes, the largest payload, activities.
    const closedIds = examIds.filter((id) => closedAt.has(id));
    const sampleIds = closedIds.filter((_, k) => k % Math.max(1, Math.floor(closedIds.length / 40)) === 0).slice(0, 40);
    let events = 0;
    let bytes = 0;
    let activities = 0;
    let localActivities = 0;
    let largest = 0;
    /** each workflow task of the sample: how long it waited for a worker (scheduled to started), and ran (started to completed) */
    const taskWaits: number[] = [];
    const taskRuns: number[] = [];
    /** the workflow tasks that answered an update, by who sent it: a staff member (resolve, payment, cancel) or an integration */
    const updateTasks = { staff: [] as { wait: number; run: number; local: number }[], integration: [] as { wait: number; run: number; local: number }[] };
    const ms = (e: proto.api.history.v1.IHistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
    for (const id of sampleIds) {
      // a server too busy to answer leaves this exam out of the sample rather than ending the bench
      const history = await client.workflow.getHandle(examWorkflowId(id)).fetchHistory().catch(() => undefined);
      if (!history) continue;
      events += history.events?.length ?? 0;
      bytes += proto.api.history.v1.History.encode(history).finish().length;
      // activities on the server, and local activities (one marker each)
      activities += (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
      localActivities += (history.events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
      const byId = new Map((history.events ?? []).map((e) => [Number(e.eventId), e]));
      /** how long a workflow task waited for a worker: its started event's time since its scheduled event's */
      const waitOf = (startedEvent: proto.api.history.v1.IHistoryEvent) => ms(startedEvent) - ms(byId.get(Number(startedEvent.workflowTaskStartedEventAttributes!.scheduledEventId))!);
      for (const e of history.events ?? []) {
        if (e.workflowTaskStartedEventAttributes) taskWaits.push(waitOf(e));
        const completed = e.workflowTaskCompletedEventAttributes;
        if (completed) {
          const startedEvent = byId.get(Number(completed.startedEventId))!;
          const run = ms(e) - ms(startedEvent);
          taskRuns.push(run);
          // a task that answered an update: its run, and the local activities that held its answer back
          const after: proto.api.history.v1.IHistoryEvent[] = [];
          for (let k = Number(e.eventId) + 1; byId.has(k) && !byId.get(k)!.workflowTaskScheduledEventAttributes; k += 1) after.push(byId.get(k)!);
          const names = after.map((a) => a.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter((n): n is string => !!n);
          if (names.length > 0 && after.some((a) => a.workflowExecutionUpdateCompletedEventAttributes)) {
            const kind = names.some((n) => STAFF_UPDATES.has(n)) ? 'staff' : 'integration';
            updateTasks[kind].push({ wait: waitOf(startedEvent), run, local: after.filter((a) => a.markerRecordedEventAttributes?.markerName === 'core_local_activity').length });
          }
        }
        const payloads = [
          ...(e.activityTaskCompletedEventAttributes?.result?.payloads ?? []),
          ...(e.activityTaskScheduledEventAttributes?.input?.payloads ?? []),
          ...(e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads ?? []),
          ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
        ];
        for (const p of payloads) largest = Math.max(largest, p.data?.length ?? 0);
      }
    }
    const perExamActivities = sampleIds.length ? Math.round(activities / sampleIds.length) : 0;

    // Workflow tasks that timed out or failed, in a sample of all the exams (those that did not finish say most).
    const lostSample = examIds.filter((_, k) => k % Math.max(1, Math.floor(examIds.length / 40)) === 0).slice(0, 40);
    const lost: RunResult['workflowTasksLost'] = { sampledExams: 0, timedOut: {}, failed: {} };
    for (const id of lostSample) {
      const history = await client.workflow.getHandle(examWorkflowId(id)).fetchHistory().catch(() => undefined);
      if (!history) continue;
      lost.sampledExams += 1;
      for (const e of history.events ?? []) {
        const timedOut = e.workflowTaskTimedOutEventAttributes;
        if (timedOut) {
          const type = proto.api.enums.v1.TimeoutType[timedOut.timeoutType ?? 0] ?? String(timedOut.timeoutType);
          lost.timedOut[type] = (lost.timedOut[type] ?? 0) + 1;
        }
        const failed = e.workflowTaskFailedEventAttributes;
        if (failed) {
          const cause = proto.api.enums.v1.WorkflowTaskFailedCause[failed.cause ?? 0] ?? String(failed.cause);
          lost.failed[cause] = (lost.failed[cause] ?? 0) + 1;
        }
      }
    }

    // The yardstick: as many bare workflows, as many activities each, on the same server now.
    const cpuBare0 = cpuByKind();
    const bareStart = performance.now();
    const bareN = Math.max(1, closedIds.length);
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < bareN; i += 1) {
      const p = client.workflow.execute('benchNoopWorkflow', { taskQueue: BARE_QUEUE, workflowId: `bench-bare-${i}`, args: [perExamActivities] }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 200) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const bareMs = performance.now() - bareStart;
    const cpuBare1 = cpuByKind();

    const engine = diffCpu(cpu0, cpu1);
    const bare = diffCpu(cpuBare0, cpuBare1);
    // PostgreSQL's CPU for the API's connections (intake, events, the staff's reads) and the bench's own is not the
    // engine's: the API process is not counted either. What no sample attributes stays with the engine.
    const postgresFor = (service: string) => round((postgres1[service] ?? 0) - (postgres0[service] ?? 0));
    const postgresForApi = postgresFor(SERVICE_NAMES.api);
    const postgresForBench = postgresFor(BENCH_APPLICATION);
    const enginePostgres = Math.max(0, (engine.postgres ?? 0) - postgresForApi - postgresForBench);
    const engineCpu = (engine.worker ?? 0) + (engine.temporal ?? 0) + enginePostgres;
    const engineCpuAllPostgres = (engine.worker ?? 0) + (engine.temporal ?? 0) + (engine.postgres ?? 0);
    const bareCpu = (bare.bare ?? 0) + (bare.temporal ?? 0) + (bare.postgres ?? 0);
    const latencies = closedIds.map((id) => closedAt.get(id)! - intakeAt.get(id)!);
    const firstIntake = Math.min(...[...intakeAt.values()]);
    const lastClose = Math.max(...[...closedAt.values()]);

    const routes: RunResult['routes'] = {};
    for (const cls of ROUTE_CLASSES) {
      const xs = samples.filter((s) => s.cls === cls).map((s) => s.ms);
      if (xs.length === 0) continue;
      routes[cls] = { calls: xs.length, p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), p99: round(percentile(xs, 99)), errors: errors[cls] ?? {}, retried: retried[cls] ?? 0 };
    }
    const series: BenchPoint[] = [];
    for (let b = 0; b * BUCKET_S * 1000 < tEnd - t0; b += 1) {
      const from = t0 + b * BUCKET_S * 1000;
      const to = from + BUCKET_S * 1000;
      const inBucket = samples.filter((s) => s.at >= from && s.at < to);
      const closedIn = [...closedAt.values()].filter((t) => t >= from && t < to).length;
      series.push({
        t: (b + 1) * BUCKET_S,
        examsPerMinute: round((closedIn * 60) / BUCKET_S),
        p99Ms: round(percentile(inBucket.map((s) => s.ms), 99)),
        taskListP99Ms: round(percentile(inBucket.filter((s) => s.cls === 'task list').map((s) => s.ms), 99)),
      });
    }
    say(`    bare workflows: ${bareN} x ${perExamActivities} activities in ${(bareMs / 1000).toFixed(1)} s`);
    return {
      workers,
      exams: EXAMS,
      closed: closedIds.length,
      unfinished: examIds.length - closedIds.length,
      arrivalPerMinute: RATE,
      examsPerMinute: round(closedIds.length > 0 ? (closedIds.length * 60_000) / (lastClose - firstIntake) : 0),
      examLatencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)) },
      activitiesPerExam: perExamActivities,
      localActivitiesPerExam: sampleIds.length ? round(localActivities / sampleIds.length) : 0,
      historyEventsPerExam: sampleIds.length ? round(events / sampleIds.length) : 0,
      historyBytesPerExam: sampleIds.length ? Math.round(bytes / sampleIds.length) : 0,
      workflowTaskMs: {
        wait: { p50: round(percentile(taskWaits, 50)), p99: round(percentile(taskWaits, 99)) },
        run: { p50: round(percentile(taskRuns, 50)), p99: round(percentile(taskRuns, 99)) },
        answeringUpdate: Object.fromEntries(
          Object.entries(updateTasks).map(([kind, xs]) => [
            kind,
            {
              tasks: xs.length,
              waitP50: round(percentile(xs.map((x) => x.wait), 50)),
              waitP99: round(percentile(xs.map((x) => x.wait), 99)),
              p50: round(percentile(xs.map((x) => x.run), 50)),
              p99: round(percentile(xs.map((x) => x.run), 99)),
              localActivitiesP50: round(percentile(xs.map((x) => x.local), 50)),
              localActivitiesMax: Math.max(0, ...xs.map((x) => x.local)),
            },
          ]),
        ) as RunResult['workflowTaskMs']['answeringUpdate'],
      },
      largestPayloadBytes: largest,
      workflowTasksLost: lost,
      stalledExamTasks,
      ...(topStatements ? { topStatements } : {}),
      databaseBytesPerExam: Math.round((dbAfter - dbBefore) / Math.max(1, examIds.length)),
      cpuSecondsPerExam: round(engineCpu / Math.max(1, closedIds.length), 3),
      bareCpuSecondsPerWorkflow: round(bareCpu / bareN, 3),
      costRatio: round(bareCpu > 0 ? engineCpu / Math.max(1, closedIds.length) / (bareCpu / bareN) : 0),
      costRatioAllPostgres: round(bareCpu > 0 ? engineCpuAllPostgres / Math.max(1, closedIds.length) / (bareCpu / bareN) : 0),
      cpuByProcess: Object.fromEntries(Object.entries(engine).map(([k, v]) => [k, round(v)])),
      postgresCpuFor: { api: postgresForApi, bench: postgresForBench },
      scenarios,
      routes,
      readAfterIntake,
      series,
      durationS: round((tEnd - t0) / 1000),
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function print(r: RunResult): void {
  say('');
  say(`  workers / API processes   ${r.workers} / ${r.workers}`);
  say(`  exams closed              ${r.closed} of ${r.exams} (${r.unfinished} unfinished) in ${r.durationS} s; arrivals ${r.arrivalPerMinute}/min`);
  say(`  exams per minute          ${r.examsPerMinute}`);
  say(`  intake to closed          p50 ${r.examLatencyMs.p50} ms, p99 ${r.examLatencyMs.p99} ms`);
  say(`  read right after intake   ${r.readAfterIntake.reads} reads, ${r.readAfterIntake.notReady} not 200`);
  say(`  activities per exam       ${r.activitiesPerExam} (${r.localActivitiesPerExam} local); history ${r.historyEventsPerExam} events, ${r.historyBytesPerExam} bytes per exam; largest payload ${r.largestPayloadBytes} bytes`);
  say(`  workflow tasks            wait for a worker p50 ${r.workflowTaskMs.wait.p50} / p99 ${r.workflowTaskMs.wait.p99} ms; run p50 ${r.workflowTaskMs.run.p50} / p99 ${r.workflowTaskMs.run.p99} ms`);
  for (const [kind, u] of Object.entries(r.workflowTaskMs.answeringUpdate)) {
    say(`    answering ${kind.padEnd(12)}  ${u.tasks} tasks: wait p50 ${u.waitP50} / p99 ${u.waitP99} ms, run p50 ${u.p50} / p99 ${u.p99} ms; local activities in them p50 ${u.localActivitiesP50}, max ${u.localActivitiesMax}`);
  }
  const counts = (xs: Record<string, number>) => Object.entries(xs).map(([k, v]) => `${k.replace(/^(TIMEOUT_TYPE|WORKFLOW_TASK_FAILED_CAUSE)_/, '').toLowerCase()} ${v}`).join(', ') || 'none';
  say(`    lost on the way         in ${r.workflowTasksLost.sampledExams} sampled exams: timed out ${counts(r.workflowTasksLost.timedOut)}; failed ${counts(r.workflowTasksLost.failed)}`);
  say(`  stalled-exam tasks        ${r.stalledExamTasks} opened (urgent, in the supervisor queue)`);
  say(`  database bytes per exam   ${r.databaseBytesPerExam}`);
  say(`  CPU per exam              ${r.cpuSecondsPerExam} s (worker+Temporal+PostgreSQL but for the API and the bench); bare workflow ${r.bareCpuSecondsPerWorkflow} s: cost ratio ${r.costRatio}x (${r.costRatioAllPostgres}x counting all of PostgreSQL)`);
  say(`  CPU by process (s)        ${Object.entries(r.cpuByProcess).map(([k, v]) => `${k} ${v}${k === 'postgres' ? ` (for the API ${r.postgresCpuFor.api}, the bench ${r.postgresCpuFor.bench})` : ''}`).join(', ')}`);
  say(`  scenarios                 ${Object.entries(r.scenarios).map(([k, v]) => `${k} ${v.closed}/${v.started}`).join(', ')}`);
  if (r.topStatements) {
    say('  PostgreSQL statements     total ms    calls   mean ms  query');
    for (const t of r.topStatements) say(`  ${String(t.totalMs).padStart(23)} ${String(t.calls).padStart(8)} ${String(t.meanMs).padStart(9)}  ${t.query}`);
  }
  say('  route class      calls     p50 ms   p95 ms   p99 ms   retried  errors');
  for (const [cls, s] of Object.entries(r.routes)) {
    say(`  ${cls.padEnd(15)} ${String(s.calls).padStart(6)} ${String(s.p50).padStart(9)} ${String(s.p95).padStart(8)} ${String(s.p99).padStart(8)} ${String(s.retried).padStart(9)}  ${Object.entries(s.errors).map(([k, v]) => `${k}:${v}`).join(' ')}`);
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR', forward: {} } } });
  say(`imaging-rcm bench: a day in miniature on an embedded PostgreSQL and Temporal dev server (${SHARDS} history shards; ${os.cpus().length} cores)`);
  const runs: RunResult[] = [];
  for (const w of COMPARE ? [1, 2] : [WORKERS]) {
    const r = await runOnce(w);
    print(r);
    runs.push(r);
  }
  const one = runs.find((r) => r.workers === 1);
  const two = runs.find((r) => r.workers === 2);
  const scaleOut = one && two ? round(two.examsPerMinute / one.examsPerMinute, 2) : undefined;
  if (scaleOut !== undefined) say(`\n  two workers / one worker  ${scaleOut}x exams per minute`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const settings = { exams: EXAMS, clients: CLIENTS, ratePerMinute: RATE, thinkMs: THINK_MS, historyShards: SHARDS, cores: os.cpus().length, node: process.version, at: new Date().toISOString() };
  fs.writeFileSync(path.join(OUT_DIR, 'bench.json'), `${JSON.stringify({ settings, runs, ...(scaleOut !== undefined ? { twoWorkersOverOne: scaleOut } : {}) }, null, 2)}\n`);
  const last = runs[runs.length - 1]!;
  fs.writeFileSync(path.join(OUT_DIR, 'bench.svg'), benchChart(last.series, `${last.closed} exams, ${CLIENTS} staff clients, ${last.workers} worker(s), arrivals ${RATE}/min`));
  say(`\n  written: ${path.join(OUT_DIR, 'bench.json')}, ${path.join(OUT_DIR, 'bench.svg')}`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
