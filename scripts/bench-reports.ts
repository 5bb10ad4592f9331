import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client as TemporalClient } from '@temporalio/client';
import { Client } from 'pg';
import { buildApp } from '../api/app';
import { signToken } from '../api/tokens';
import { sql } from 'kysely';
import { createDb, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AGGREGATES, ROWS, buildArAging, buildDenials, buildKpis, type ReportSource } from '../db/repositories/reports/report-builders';
import { addDays } from '../domain/ledger/calendar-date';
import { parseConfig } from '../platform/config';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { freePort } from '../platform/free-port';
import { percentile } from './percentile';

/**
 * `npm run bench:reports`: seeds BENCH_REPORT_CLAIMS claims (default 1,000,000; BENCH_CLAIMS is read
 * too) over two years of dates of service, with their status history (999/277CA/835), denials,
 * coding-review tasks and ledger (charge, remittance, patient payment, denial and bad-debt write-off
 * entries; balances summed from the lines), builds the report aggregates from those rows (the seed
 * runs with triggers off, as a bulk load would), ANALYZEs, then runs each supervisor report
 * BENCH_REPEATS times (default 30) three ways on the same data: grouped from the rows (the path
 * before the aggregates), summed from the aggregates, and through the API (auth, SQL, JSON; what
 * clients get). It prints p50/p99 of each, whether both paths gave the same report, and what keeping
 * the aggregates costs a posting. The embedded PostgreSQL in a temporary directory is used unless
 * DATABASE_URL names an empty database (BENCH_REUSE=1 measures a book seeded there before).
 * A figure, not a test: nothing is asserted.
 */
const N = Math.max(1000, Number(process.env.BENCH_REPORT_CLAIMS ?? process.env.BENCH_CLAIMS ?? 1_000_000));
const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS ?? 30));
/** The as-of date of the seeded book: dates of service run two years back from it. */
const AS_OF = '2026-11-20';
const say = (line: string) => process.stdout.write(`${line}\n`);

const SEEDED_TABLES = ['claims', 'claim_status_history', 'claim_denials', 'tasks', 'ledger_entries', 'ledger_lines', 'ledger_balances', 'report_patient_balances'];
/** Tables analyzed after the seed (the aggregates are built from the seeded rows). */
const ANALYZED_TABLES = [...SEEDED_TABLES, 'report_facts'];

/** One row per claim with everything the seed derives from it (dates, outcome, money). */
const PLAN = `
CREATE UNLOGGED TABLE bench_claims AS
WITH base AS (
  SELECT i, floor(random() * 730)::int AS age, random() AS rp, random() AS rc, random() AS rr, random() AS ro
    FROM generate_series(1, $1::int) AS i
), shaped AS (
  SELECT i,
         'bx' || to_char(i, 'FM00000000') AS exam_id,
         ($2::date - age) AS dos,
         CASE WHEN rp < 0.35 THEN 'medicare-b' WHEN rp < 0.55 THEN 'commercial-a' WHEN rp < 0.70 THEN 'commercial-b'
              WHEN rp < 0.85 THEN 'medicaid' ELSE 'medicare-advantage' END AS payer_id,
         (20000 + floor(rc * 280000))::bigint AS charge,
         rr < 0.04 AS rejected,
         i % 17 = 0 AS reviewed,
         CASE WHEN ro < 0.06 THEN 'denied' WHEN ro < 0.10 THEN 'partial' ELSE 'paid' END AS outcome,
         1 + i % 3 AS submit_lag,
         12 + (i * 7) % 30 AS remit_lag,
         i % 8 AS carc_pick
    FROM base
), dated AS (
  SELECT s.*, s.exam_id || '-G' AS claim_id,
         ((s.dos + s.submit_lag)::timestamp + interval '14 hours') AT TIME ZONE 'UTC' AS submitted_at,
         s.dos + s.submit_lag + CASE WHEN s.rejected THEN 3 ELSE 0 END + s.remit_lag AS remit_date
    FROM shaped s
), remitted AS (
  SELECT d.*, d.remit_date <= $2::date AS remitted,
         CASE WHEN d.remit_date > $2::date THEN 0 WHEN d.outcome = 'denied' THEN d.charge WHEN d.outcome = 'partial' THEN d.charge * 30 / 100 ELSE 0 END AS denied
    FROM dated d
), money AS (
  SELECT r.*,
         CASE WHEN r.remitted THEN (r.charge - r.denied) * 45 / 100 ELSE 0 END AS allowed
    FROM remitted r
)
, shares AS (
  SELECT m.*,
         CASE WHEN m.remitted AND m.outcome <> 'denied' THEN m.charge - m.denied - m.allowed ELSE 0 END AS contractual,
         m.allowed * (CASE WHEN m.payer_id IN ('medicare-b', 'medicare-advantage') THEN 20 WHEN m.payer_id = 'medicaid' THEN 0 ELSE 10 END) / 100 AS share,
         m.remit_date + 20 + m.i % 40 AS patient_paid_date,
         m.remit_date + 120 AS write_off_date,
         (ARRAY['197', '50', '16', '27', '29', '18', '4', '22'])[m.carc_pick + 1] AS carc,
         (ARRAY['authorization', 'medical-necessity', 'missing-information', 'eligibility', 'timely-filing', 'duplicate', 'coding', 'cob'])[m.carc_pick + 1] AS category,
         (ARRAY['prior-auth-missing', 'not-medically-necessary', 'missing-claim-data', 'coverage-not-active', 'late-submission', 'repeat-procedure-or-duplicate', 'modifier-error', 'other-payer-primary'])[m.carc_pick + 1] AS root_cause
    FROM money m
)
SELECT s.*,
       s.allowed - s.share AS paid,
       s.remitted AND s.outcome <> 'denied' AND s.share > 0 AND s.i % 10 < 8 AND s.patient_paid_date <= $2::date AS patient_pays,
       s.remitted AND s.denied > 0 AND s.write_off_date <= $2::date AND s.i % 10 < 9 AS written_off,
       s.remitted AND s.outcome <> 'denied' AND s.share > 0 AND s.i % 10 >= 8 AND s.remit_date + 150 <= $2::date AND s.i % 7 <> 0 AS bad_debt,
       s.remit_date + 150 AS bad_debt_date
  FROM shares s`;

const CLAIMS = `
INSERT INTO claims (claim_id, exam_id, version, payer_id, form, kind, status, charge_cents, paid_cents, patient_responsibility_cents,
                    date_of_service, first_submitted_at, last_submitted_at, created_at, updated_at)
SELECT claim_id, exam_id, CASE WHEN rejected THEN 2 ELSE 1 END, payer_id, '837P', 'global',
       CASE WHEN NOT remitted THEN 'accepted' WHEN outcome = 'denied' THEN 'denied' ELSE 'paid' END,
       charge, CASE WHEN remitted THEN paid ELSE 0 END, CASE WHEN remitted THEN share ELSE 0 END,
       to_char(dos, 'YYYY-MM-DD'), submitted_at, submitted_at + CASE WHEN rejected THEN interval '2 days' ELSE interval '0' END,
       submitted_at, submitted_at
  FROM bench_claims`;

const HISTORY = `
INSERT INTO claim_status_history (claim_id, version, status, source, document_id, status_codes, at)
SELECT b.claim_id, h.version, h.status, h.source, 'bench', h.codes, h.at
  FROM bench_claims b
 CROSS JOIN LATERAL (VALUES
   (1, 'submitted', 'engine', '{}'::text[], b.submitted_at, true),
   (1, 'acknowledged', '999', '{IK5:A}'::text[], b.submitted_at + interval '1 hour', true),
   (1, 'rejected', '277CA', '{A7:164:IL}'::text[], b.submitted_at + interval '1 day', b.rejected),
   (2, 'submitted', 'engine', '{}'::text[], b.submitted_at + interval '2 days', b.rejected),
   (CASE WHEN b.rejected THEN 2 ELSE 1 END, 'accepted', '277CA', '{A1:20}'::text[], b.submitted_at + CASE WHEN b.rejected THEN interval '3 days' ELSE interval '1 day' END, true),
   (CASE WHEN b.rejected THEN 2 ELSE 1 END, CASE WHEN b.outcome = 'denied' THEN 'denied' ELSE 'paid' END, '835',
    ARRAY['CLP02:' || CASE WHEN b.outcome = 'denied' THEN '4' ELSE '1' END], (b.remit_date::timestamp + interval '10 hours') AT TIME ZONE 'UTC', b.remitted)
 ) AS h(version, status, source, codes, at, applies)
 WHERE h.applies`;

const DENIALS = `
INSERT INTO claim_denials (claim_id, claim_version, exam_id, payer_id, document_id, trace_number, seq, line_control_number, procedure_code,
                           group_code, reason_code, category, root_cause, amount_cents, payment_date, received_at)
SELECT claim_id, CASE WHEN rejected THEN 2 ELSE 1 END, exam_id, payer_id, 'bench-835-' || remit_date, 'TRN' || i, 1,
       CASE WHEN outcome = 'partial' THEN '2' END, CASE WHEN outcome = 'partial' THEN '72146' END,
       'CO', CASE WHEN outcome = 'partial' THEN '97' ELSE carc END,
       CASE WHEN outcome = 'partial' THEN 'bundling' ELSE category END,
       CASE WHEN outcome = 'partial' THEN 'bundled-service' ELSE root_cause END,
       denied, to_char(remit_date, 'YYYY-MM-DD'), (remit_date::timestamp + interval '10 hours') AT TIME ZONE 'UTC'
  FROM bench_claims WHERE denied > 0`;

const TASKS = `
INSERT INTO tasks (task_id, exam_id, type, queue, priority, priority_rank, claim_id, status, escalated, due_at, opened_at, closed_at, context, version, updated_at)
SELECT 'bt' || i, exam_id, 'coding-review', 'coder', 'normal', 2, NULL, 'resolved', false,
       submitted_at + interval '5 days', submitted_at - interval '1 day', submitted_at - interval '1 hour', '{}'::jsonb, 1, submitted_at
  FROM bench_claims WHERE reviewed`;

const ENTRIES = `
INSERT INTO ledger_entries (entry_id, exam_id, claim_id, idempotency_key, source_kind, document_id, effective_date, posted_at)
SELECT e.kind || ':' || b.claim_id, b.exam_id, CASE WHEN e.kind = 'patient-payment' AND b.i % 2 = 1 THEN NULL ELSE b.claim_id END,
       e.kind || ':' || b.claim_id, e.kind, 'bench', e.at, e.at::timestamp AT TIME ZONE 'UTC'
  FROM bench_claims b
 CROSS JOIN LATERAL (VALUES
   ('charge', b.dos, true),
   ('835', b.remit_date, b.remitted AND b.outcome <> 'denied'),
   ('patient-payment', b.patient_paid_date, b.patient_pays),
   ('write-off', b.write_off_date, b.written_off),
   ('bad-debt', b.bad_debt_date, b.bad_debt)
 ) AS e(kind, at, applies)
 WHERE e.applies`;

const LINES = `
INSERT INTO ledger_lines (entry_id, line_no, exam_id, claim_id, account, account_class, payer_id, debit_cents, credit_cents, effective_date)
SELECT l.kind || ':' || b.claim_id, l.line_no, b.exam_id, CASE WHEN l.kind = 'patient-payment' AND b.i % 2 = 1 THEN NULL ELSE b.claim_id END,
       l.account, l.class, l.payer, l.debit, l.credit, l.at
  FROM bench_claims b
 CROSS JOIN LATERAL (VALUES
   ('charge', 1, 'insurance_receivable:' || b.payer_id, 'insurance-receivable', b.payer_id, b.charge, 0::bigint, b.dos, true),
   ('charge', 2, 'gross_charges', 'revenue', NULL, 0::bigint, b.charge, b.dos, true),
   ('835', 1, 'payments', 'cash', NULL, b.paid, 0::bigint, b.remit_date, b.remitted AND b.outcome <> 'denied'),
   ('835', 2, 'contractual_adjustment', 'adjustment', NULL, b.contractual, 0::bigint, b.remit_date, b.remitted AND b.outcome <> 'denied'),
   ('835', 3, 'patient_receivable', 'patient-receivable', NULL, b.share, 0::bigint, b.remit_date, b.remitted AND b.outcome <> 'denied'),
   ('835', 4, 'insurance_receivable:' || b.payer_id, 'insurance-receivable', b.payer_id, 0::bigint, b.paid + b.contractual + b.share, b.remit_date, b.remitted AND b.outcome <> 'denied'),
   ('patient-payment', 1, 'payments', 'cash', NULL, b.share, 0::bigint, b.patient_paid_date, b.patient_pays),
   ('patient-payment', 2, 'patient_receivable', 'patient-receivable', NULL, 0::bigint, b.share, b.patient_paid_date, b.patient_pays),
   ('write-off', 1, 'write_off:denial', 'adjustment', NULL, b.denied, 0::bigint, b.write_off_date, b.written_off),
   ('write-off', 2, 'insurance_receivable:' || b.payer_id, 'insurance-receivable', b.payer_id, 0::bigint, b.denied, b.write_off_date, b.written_off),
   ('bad-debt', 1, 'write_off:bad-debt', 'adjustment', NULL, b.share, 0::bigint, b.bad_debt_date, b.bad_debt),
   ('bad-debt', 2, 'patient_receivable', 'patient-receivable', NULL, 0::bigint, b.share, b.bad_debt_date, b.bad_debt)
 ) AS l(kind, line_no, account, class, payer, debit, credit, at, applies)
 WHERE l.applies AND (l.debit > 0 OR l.credit > 0)`;

const BALANCES = `
INSERT INTO ledger_balances (exam_id, claim_key, account, account_class, payer_id, balance_cents, updated_at)
SELECT exam_id, coalesce(claim_id, ''), account, min(account_class), min(payer_id), sum(debit_cents - credit_cents), max(effective_date)::timestamp AT TIME ZONE 'UTC'
  FROM ledger_lines
 GROUP BY exam_id, coalesce(claim_id, ''), account`;

/** What the ledger_balances trigger keeps with every posting (triggers are off during the seed). */
const PATIENT_BALANCES = `
INSERT INTO report_patient_balances (exam_id, claim_key, balance_cents)
SELECT exam_id, coalesce(min(nullif(claim_key, '')), ''), sum(balance_cents)
  FROM ledger_balances WHERE account_class = 'patient-receivable'
 GROUP BY exam_id`;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'imaging-rcm-bench' });
  await client.connect();
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET synchronous_commit = off`);
  // Seeded rows balance by construction: skip the per-row ledger and foreign-key triggers when allowed.
  await client.query(`SET session_replication_role = replica`).catch(() => say('  (not a superuser: triggers stay on; the seed is slower)'));
  return client;
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  say(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function seed(url: string): Promise<void> {
  const [a, b] = await Promise.all([connect(url), connect(url)]);
  try {
    const existing = await a.query<{ n: string }>('SELECT count(*) AS n FROM claims');
    if (Number(existing.rows[0]!.n) > 0) {
      if (process.env.BENCH_REUSE !== '1') throw new Error('the database already holds claims: point DATABASE_URL at an empty database (or BENCH_REUSE=1 to measure a book seeded before)');
      say(`  reusing the ${Number(existing.rows[0]!.n).toLocaleString('en-US')} claims seeded before`);
      return;
    }
    // Secondary indexes are built once after the load (faster than maintained row by row), from their own definitions.
    const indexes = await a.query<{ name: string; def: string }>(`
      SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))`, [SEEDED_TABLES]);
    for (const ix of indexes.rows) await a.query(`DROP INDEX ${ix.name}`);

    await timed(`plan of ${N.toLocaleString('en-US')} claims`, async () => {
      await a.query('DROP TABLE IF EXISTS bench_claims');
      await a.query('SELECT setseed(0.42)');
      await a.query(PLAN, [N, AS_OF]);
    });
    // Two sessions load in parallel (an INSERT ... SELECT uses one core).
    await timed('rows loaded', () => Promise.all([
      (async () => {
        await timed('claims', () => a.query(CLAIMS));
        await timed('claim_status_history', () => a.query(HISTORY));
        await timed('claim_denials', () => a.query(DENIALS));
        await timed('tasks', () => a.query(TASKS));
        await timed('ledger_entries', () => a.query(ENTRIES));
      })(),
      (async () => {
        await timed('ledger_lines', () => b.query(LINES));
        await timed('ledger_balances', () => b.query(BALANCES));
        await timed('report_patient_balances', () => b.query(PATIENT_BALANCES));
      })(),
    ]));
    await timed(`${indexes.rows.length} indexes built`, async () => {
      const queue = [...indexes.rows];
      const worker = async (c: Client) => {
        for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.def);
      };
      await Promise.all([worker(a), worker(b)]);
    });
    await timed('VACUUM, ANALYZE', async () => {
      await a.query('DROP TABLE bench_claims');
      // VACUUM sets the visibility map (index-only scans), as autovacuum does for a live database;
      // ANALYZE runs after every VACUUM, whose snapshot would keep a concurrent VACUUM from doing so.
      const tables = [...SEEDED_TABLES];
      const worker = async (c: Client) => {
        for (let t = tables.shift(); t; t = tables.shift()) await c.query(`VACUUM ${t}`);
      };
      await Promise.all([worker(a), worker(b)]);
      await a.query(`ANALYZE ${SEEDED_TABLES.join(', ')}`);
    });
    await timed('report aggregates built from the rows', async () => {
      await a.query('SELECT report_facts_rebuild()');
      await a.query('VACUUM ANALYZE report_facts');
    });
    const counts = await a.query<{ t: string; n: string }>(ANALYZED_TABLES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(' UNION ALL '));
    say(`  rows: ${counts.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en-US')}`).join(', ')}`);
    const size = await a.query<{ size: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS size');
    say(`  database size: ${size.rows[0]!.size}`);
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
}

/**
 * What keeping the aggregates costs a posting: a patient payment (entry, two lines, two balances) on
 * BENCH_POSTINGS seeded exams (default 200), each in its own transaction, with the aggregates kept
 * (triggers on) and without (session_replication_role = replica, which also skips the ledger's own
 * checks: the difference is an upper bound).
 */
async function postingCost(db: Db): Promise<void> {
  const count = Math.max(20, Number(process.env.BENCH_POSTINGS ?? 200));
  const exams = await sql<{ exam_id: string; claim_id: string }>`
    SELECT exam_id, claim_id FROM claims WHERE claim_id LIKE 'bx%' ORDER BY claim_id OFFSET 100 LIMIT ${count * 2}`.execute(db);
  const run = async (rows: { exam_id: string; claim_id: string }[], kept: boolean) => {
    const samples: number[] = [];
    for (const [i, e] of rows.entries()) {
      const entryId = `bench-posting:${kept ? 'kept' : 'off'}:${i}`;
      const started = performance.now();
      await db.transaction().execute(async (trx) => {
        if (!kept) await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await trx.insertInto('ledger_entries').values({ entry_id: entryId, exam_id: e.exam_id, claim_id: null, idempotency_key: entryId, source_kind: 'patient-payment', document_id: 'bench', effective_date: AS_OF }).execute();
        await trx.insertInto('ledger_lines').values([
          { entry_id: entryId, line_no: 1, exam_id: e.exam_id, claim_id: null, account: 'payments', account_class: 'cash', payer_id: null, debit_cents: 1_000, credit_cents: 0, effective_date: AS_OF },
          { entry_id: entryId, line_no: 2, exam_id: e.exam_id, claim_id: null, account: 'patient_receivable', account_class: 'patient-receivable', payer_id: null, debit_cents: 0, credit_cents: 1_000, effective_date: AS_OF },
        ]).execute();
        for (const [account, cls, cents] of [['payments', 'cash', 1_000], ['patient_receivable', 'patient-receivable', -1_000]] as const) {
          await trx.insertInto('ledger_balances').values({ exam_id: e.exam_id, claim_key: '', account, account_class: cls, payer_id: null, balance_cents: cents })
            .onConflict((oc) => oc.columns(['exam_id', 'claim_key', 'account']).doUpdateSet({ balance_cents: sql`ledger_balances.balance_cents + excluded.balance_cents` })).execute();
        }
      });
      samples.push(performance.now() - started);
    }
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  };
  const rows = exams.rows;
  const off = await run(rows.slice(0, count), false);
  const kept = await run(rows.slice(count), true);
  say(`a posting (patient payment: entry, 2 lines, 2 balances; ${count} transactions each, one at a time):`);
  say(`  without the aggregates p50 ${off.p50.toFixed(1)} ms  p99 ${off.p99.toFixed(1)} ms; keeping them p50 ${kept.p50.toFixed(1)} ms  p99 ${kept.p99.toFixed(1)} ms`);
}

async function main(): Promise<void> {
  const stops: (() => Promise<unknown>)[] = [];
  let dataDir: string | undefined;
  try {
    let url = process.env.DATABASE_URL;
    if (!url) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-bench-reports-'));
      fs.chmodSync(dataDir, 0o755);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'imaging_rcm' });
      stops.push(pg.stop);
      url = pg.url;
    }
    const config = parseConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PAYLOAD_KEY: randomBytes(32).toString('base64'),
      PAYLOAD_KEY_ID: 'bench',
      JWT_ISSUER: 'imaging-rcm-bench',
      JWT_AUDIENCE: 'imaging-rcm',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    });
    const db = createDb(url, 10);
    stops.push(() => db.destroy());
    await migrateToLatest(db);

    say(`imaging-rcm bench:reports: ${N.toLocaleString('en-US')} claims, as of ${AS_OF}, ${os.cpus().length} cores`);
    const seedStarted = performance.now();
    await seed(url);
    say(`  seed total: ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    // The reports never call Temporal: a lazy client that is never connected.
    const app = await buildApp({ config, db, temporal: new TemporalClient(), logger: false });
    stops.push(() => app.close());
    await app.ready();
    const token = await signToken(config.auth.secret!, { sub: 'bench-supervisor', roles: ['supervisor'] }, '1h', { issuer: config.auth.issuer, audience: config.auth.audience });
    const period = (days: number) => ({ from: addDays(AS_OF, -(days - 1)), to: AS_OF });
    const cases: { label: string; url: string; build: (source: ReportSource) => Promise<unknown> }[] = [
      { label: 'ar-aging (as of, from service)', url: `/v1/reports/ar-aging?asOf=${AS_OF}`, build: (src) => buildArAging(db, src, AS_OF, 'service') },
      { label: 'ar-aging (from submission)', url: `/v1/reports/ar-aging?asOf=${AS_OF}&agedFrom=submission`, build: (src) => buildArAging(db, src, AS_OF, 'submission') },
      { label: 'ar-aging (as of 30 days back)', url: `/v1/reports/ar-aging?asOf=${addDays(AS_OF, -30)}`, build: (src) => buildArAging(db, src, addDays(AS_OF, -30), 'service') },
      { label: 'kpis (30 days)', url: `/v1/reports/kpis?from=${period(30).from}&to=${AS_OF}`, build: (src) => buildKpis(db, src, period(30)) },
      { label: 'kpis (365 days)', url: `/v1/reports/kpis?from=${period(365).from}&to=${AS_OF}`, build: (src) => buildKpis(db, src, period(365)) },
      { label: 'denials (30 days)', url: `/v1/reports/denials?from=${period(30).from}&to=${AS_OF}`, build: (src) => buildDenials(db, src, period(30)) },
      { label: 'denials (365 days)', url: `/v1/reports/denials?from=${period(365).from}&to=${AS_OF}`, build: (src) => buildDenials(db, src, period(365)) },
    ];
    const sample = async (run: () => Promise<unknown>) => {
      await run();
      await run();
      const samples: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        const started = performance.now();
        await run();
        samples.push(performance.now() - started);
      }
      return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
    };
    const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
    say(`latency over ${REPEATS} runs each (after 2 warm-up runs), p50 / p99; same data, same run:`);
    say(`  ${'report'.padEnd(32)} ${'before: from the rows'.padEnd(23)} ${'after: aggregates'.padEnd(23)} ${'after, through the API'.padEnd(23)} same figures`);
    for (const c of cases) {
      const call = async () => {
        const res = await app.inject({ method: 'GET', url: c.url, headers: { authorization: `Bearer ${token}` } });
        if (res.statusCode !== 200) throw new Error(`${c.url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
        return res;
      };
      const same = JSON.stringify(await c.build(ROWS)) === JSON.stringify(await c.build(AGGREGATES));
      const rows = await sample(() => c.build(ROWS));
      const aggregates = await sample(() => c.build(AGGREGATES));
      const api = await sample(call);
      say(`  ${c.label.padEnd(32)} ${ms(rows.p50)} / ${ms(rows.p99)}  ${ms(aggregates.p50)} / ${ms(aggregates.p99)}  ${ms(api.p50)} / ${ms(api.p99)}  ${same ? 'yes' : 'NO'}`);
      const last = await call();
      if (c.label.startsWith('kpis (30')) {
        const k = last.json<{ cleanClaimRate: { percent: number }; firstPassAcceptanceRate: { percent: number }; denialRate: { overall: { percent: number } }; daysInAR: { days: number; arCents: number }; arOver90: { percent: number }; netCollectionRate: { percent: number } }>();
        say(`    (clean ${k.cleanClaimRate.percent} %, first pass ${k.firstPassAcceptanceRate.percent} %, denials ${k.denialRate.overall.percent} %, days in A/R ${k.daysInAR.days}, A/R ${(k.daysInAR.arCents / 100).toLocaleString('en-US')} $, over 90 ${k.arOver90.percent} %, NCR ${k.netCollectionRate.percent} %)`);
      }
      if (c.label.startsWith('ar-aging (as of,')) {
        const r = last.json<{ total: { openItems: number; totalCents: number } }>();
        say(`    (${r.total.openItems.toLocaleString('en-US')} open items, ${(r.total.totalCents / 100).toLocaleString('en-US')} $)`);
      }
    }
    await postingCost(db);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:reports failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
