import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database';
import { stalledExamFigures } from '../db/repositories/stalled-exams';

/**
 * The stalled-exam watchdog's figures on `/metrics`, read from PostgreSQL at scrape time (the watchdog runs in
 * the worker; two cheap reads): open `stalled-exam` tasks, and what the last sweep did and when. A database
 * that cannot be read leaves the figures out of that scrape rather than failing it.
 */
export function registerWatchdogMetrics(registry: Registry, db: Db): void {
  let figures: Promise<Awaited<ReturnType<typeof stalledExamFigures>> | undefined> | undefined;
  // One read per scrape, shared by the gauges below.
  const read = () => {
    figures ??= stalledExamFigures(db).catch(() => undefined).finally(() => setImmediate(() => (figures = undefined)));
    return figures;
  };
  new Gauge({
    name: 'rcm_stalled_exams',
    help: 'Open exams the watchdog found stalled (no activity in flight, no timer that will fire, no open task, or their workflow not running): open stalled-exam tasks in the supervisor queue',
    registers: [registry],
    async collect() {
      const f = await read();
      if (f) this.set(f.open);
    },
  });
  new Gauge({
    name: 'rcm_watchdog_last_sweep_timestamp_seconds',
    help: 'When the stalled-exam watchdog last finished a sweep (Unix seconds); 0 before the first sweep',
    registers: [registry],
    async collect() {
      const f = await read();
      if (f?.lastSweep) this.set(f.lastSweep.swept_at.getTime() / 1000);
    },
  });
  new Gauge({
    name: 'rcm_watchdog_last_sweep_exams',
    help: 'What the last watchdog sweep did: exams it took as candidates, checked against Temporal, found stalled, found inconclusive (Temporal or workers unreachable), tasks it opened and closed as superseded',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      const s = (await read())?.lastSweep;
      if (!s) return;
      for (const outcome of ['candidates', 'checked', 'stalled', 'inconclusive', 'opened', 'superseded'] as const) this.set({ outcome }, s[outcome]);
    },
  });
}
