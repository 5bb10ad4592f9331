import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database';

/** What the billing floor and the pipeline look like right now, read from PostgreSQL at scrape time. */
interface Figures {
  tasks: { queue: string; open: number; overdue: number; oldest_open_seconds: number }[];
  claims: { status: string; n: number }[];
  submissions: { status: string; n: number }[];
  awaiting: { n: number; oldest_seconds: number | null };
  lastRemittance: number | null;
}

async function readFigures(db: Db): Promise<Figures> {
  const [tasks, claims, submissions, awaiting, remittance] = await Promise.all([
    db
      .selectFrom('tasks')
      .where('status', '=', 'open')
      .groupBy('queue')
      .select((eb) => [
        'queue',
        eb.fn.countAll<string>().as('open'),
        sql<string>`count(*) filter (where due_at < now())`.as('overdue'),
        sql<string>`coalesce(extract(epoch from now() - min(opened_at)), 0)`.as('oldest_open_seconds'),
      ])
      .execute(),
    db.selectFrom('claims').groupBy('status').select((eb) => ['status', eb.fn.countAll<string>().as('n')]).execute(),
    db.selectFrom('claim_submissions').groupBy('status').select((eb) => ['status', eb.fn.countAll<string>().as('n')]).execute(),
    // Sent and not yet answered by an 835: the remittance lag.
    db
      .selectFrom('claims')
      .where('status', 'in', ['submitted', 'accepted'])
      .where('last_submitted_at', 'is not', null)
      .select((eb) => [eb.fn.countAll<string>().as('n'), sql<string | null>`extract(epoch from now() - min(last_submitted_at))`.as('oldest_seconds')])
      .executeTakeFirstOrThrow(),
    db.selectFrom('remittances').select(sql<string | null>`extract(epoch from max(received_at))`.as('at')).executeTakeFirstOrThrow(),
  ]);
  return {
    tasks: tasks.map((t) => ({ queue: t.queue, open: Number(t.open), overdue: Number(t.overdue), oldest_open_seconds: Number(t.oldest_open_seconds) })),
    claims: claims.map((c) => ({ status: c.status, n: Number(c.n) })),
    submissions: submissions.map((s) => ({ status: s.status, n: Number(s.n) })),
    awaiting: { n: Number(awaiting.n), oldest_seconds: awaiting.oldest_seconds === null ? null : Number(awaiting.oldest_seconds) },
    lastRemittance: remittance.at === null ? null : Number(remittance.at),
  };
}

/**
 * Work queues, the claim pipeline and the 835 lag on `/metrics`: counts by queue and status only (never an id or
 * a patient). One set of reads per scrape, shared by the gauges; a database that cannot be read leaves them out
 * of that scrape rather than failing it.
 */
export function registerOperationsMetrics(registry: Registry, db: Db): void {
  let figures: Promise<Figures | undefined> | undefined;
  const read = () => {
    figures ??= readFigures(db).catch(() => undefined).finally(() => setImmediate(() => (figures = undefined)));
    return figures;
  };
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, f: Figures) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const f = await read();
        if (!f) return;
        this.reset();
        fill(this, f);
      },
    });
  gauge('rcm_open_tasks', 'Open tasks in the work queues, by queue', ['queue'], (g, f) => f.tasks.forEach((t) => g.set({ queue: t.queue }, t.open)));
  gauge('rcm_overdue_tasks', 'Open tasks past their due time, by queue', ['queue'], (g, f) => f.tasks.forEach((t) => g.set({ queue: t.queue }, t.overdue)));
  gauge('rcm_oldest_open_task_age_seconds', 'Age of the oldest open task, by queue', ['queue'], (g, f) => f.tasks.forEach((t) => g.set({ queue: t.queue }, t.oldest_open_seconds)));
  gauge('rcm_claims', 'Claims by status (submitted, accepted, rejected, denied, appealed, paid, written-off, voided)', ['status'], (g, f) => f.claims.forEach((c) => g.set({ status: c.status }, c.n)));
  gauge('rcm_claim_submissions', 'Claim submissions (837 files) by status: prepared, sent', ['status'], (g, f) => f.submissions.forEach((s) => g.set({ status: s.status }, s.n)));
  gauge('rcm_claims_awaiting_remittance', 'Claims sent and not yet answered by an 835 (submitted or accepted)', [], (g, f) => g.set(f.awaiting.n));
  gauge('rcm_remittance_lag_seconds', 'The 835 lag: how long the oldest claim sent and not yet answered by an 835 has waited (0 when none waits)', [], (g, f) => g.set(f.awaiting.oldest_seconds ?? 0));
  gauge('rcm_last_remittance_timestamp_seconds', 'When the last 835 was received (Unix seconds); 0 before the first', [], (g, f) => g.set(f.lastRemittance ?? 0));
}
