import fs from 'node:fs';
import path from 'node:path';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

/**
 * The Grafana dashboard shipped in deploy/grafana asks Prometheus only for series the running API's /metrics
 * exports: a renamed or removed metric fails here instead of leaving an operator with an empty panel.
 */
interface Target { expr: string }
interface Panel { type: string; title: string; datasource?: { uid: string }; targets?: Target[]; panels?: Panel[] }
interface Dashboard { uid: string; title: string; panels: Panel[]; templating: { list: { name: string; type: string; query: unknown }[] } }

const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, '../../deploy/grafana/imaging-rcm-dashboard.json'), 'utf8')) as Dashboard;
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
/** Our series all start with rcm_ (the API's process metrics too): every name a query mentions. */
const seriesIn = (promql: string) => [...promql.replace(/"[^"]*"/g, '""').matchAll(/\brcm_[A-Za-z0-9_:]*/g)].map((m) => m[0]);

let h: ApiHarness;
let exported: Set<string>;
let scrape: string;
beforeAll(async () => {
  h = await startApiHarness();
  // An overdue task in a queue, so the queue figures have a labelled sample to show.
  await h.database.db
    .insertInto('tasks')
    .values({ task_id: 'task-dashboard-1', exam_id: null, type: 'coding-review', queue: 'coding', priority: 'normal', priority_rank: 2, claim_id: null, status: 'open', escalated: false, due_at: new Date(Date.now() - 3_600_000), opened_at: new Date(Date.now() - 7_200_000), context: JSON.stringify({}), version: 1 })
    .execute();
  await h.app.inject({ method: 'GET', url: '/healthz' });
  const res = await h.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  scrape = res.body;
  exported = new Set<string>();
  for (const line of scrape.split('\n')) {
    const typed = /^# TYPE (\S+) (\S+)/.exec(line);
    if (typed) {
      exported.add(typed[1]!);
      if (typed[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exported.add(typed[1]! + suffix);
    } else if (line && !line.startsWith('#')) {
      exported.add(line.split(/[{ ]/)[0]!);
    }
  }
});
afterAll(async () => h?.close());

test('every panel query names only series the API exports', () => {
  const missing: string[] = [];
  for (const p of panels) for (const t of p.targets ?? []) for (const s of seriesIn(t.expr)) if (!exported.has(s)) missing.push(`${p.title}: ${s}`);
  for (const v of dashboard.templating.list) for (const s of seriesIn(JSON.stringify(v.query))) if (!exported.has(s)) missing.push(`variable ${v.name}: ${s}`);
  expect(missing).toEqual([]);
  // Not vacuous: every query names at least one series.
  for (const p of panels) expect(p.targets?.every((t) => seriesIn(t.expr).length > 0)).toBe(true);
});

test('it covers what the billing floor and the SRE watch, on the Prometheus chosen in the datasource variable', () => {
  const named = (series: string) => panels.filter((p) => p.targets?.some((t) => seriesIn(t.expr).includes(series))).map((p) => p.title);
  for (const series of ['rcm_open_tasks', 'rcm_overdue_tasks', 'rcm_stalled_exams', 'rcm_claims', 'rcm_claim_submissions', 'rcm_remittance_lag_seconds', 'rcm_http_request_duration_seconds_bucket']) {
    expect({ series, panels: named(series).length > 0 }).toEqual({ series, panels: true });
  }
  expect(panels.filter((p) => p.targets?.some((t) => /histogram_quantile\(0\.99,.*by \(le, route\)/.test(t.expr)))).not.toHaveLength(0);
  expect(dashboard.templating.list.find((v) => v.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
  for (const p of panels) expect({ panel: p.title, uid: p.datasource?.uid }).toEqual({ panel: p.title, uid: '${datasource}' });
});

test('the queue figures on /metrics count the open and the overdue task', () => {
  expect(scrape).toMatch(/^rcm_open_tasks\{queue="coding"\} 1$/m);
  expect(scrape).toMatch(/^rcm_overdue_tasks\{queue="coding"\} 1$/m);
  expect(scrape).toMatch(/^rcm_claims_awaiting_remittance 0$/m);
});
