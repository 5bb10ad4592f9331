import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Client as TemporalClient } from '@temporalio/client';
import { chromium } from 'playwright-core';
import { buildApp } from '../api/app';
import { signToken } from '../api/tokens';
import { createDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { PRIORITY_RANK, type TaskPriority } from '../domain/lifecycle/task-type';
import { parseConfig } from '../platform/config';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { freePort } from '../platform/free-port';
import { percentile } from './percentile';

/**
 * `npm run bench:console`: the staff console's figures.
 * - the bundle: every file of dist/console, raw and gzip-compressed (what a browser downloads once);
 * - the time to first render of My work with BENCH_TASKS open tasks (default 500): the real API on an
 *   embedded PostgreSQL holding that many open front-desk tasks, Chromium (headless) opening /console/ signed
 *   in, from navigation start until every task's row is drawn; BENCH_REPEATS loads (default 7), p50 and worst.
 * A figure, not a test: nothing is asserted.
 */
const TASKS = Math.max(1, Number(process.env.BENCH_TASKS ?? 500));
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 7));
const ROOT = path.resolve(__dirname, '..', path.basename(path.resolve(__dirname, '..')) === 'dist' ? '..' : '.');
const CONSOLE_DIR = path.join(ROOT, 'dist', 'console');
const say = (line: string) => process.stdout.write(`${line}\n`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function bundle(): void {
  if (!fs.existsSync(path.join(CONSOLE_DIR, 'index.html'))) throw new Error('dist/console is missing: run `npm run build` first');
  let raw = 0;
  let gz = 0;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(CONSOLE_DIR);
  say('bundle (dist/console):');
  for (const file of files.sort()) {
    const bytes = fs.readFileSync(file);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += zipped;
    say(`  ${path.relative(CONSOLE_DIR, file).padEnd(36)} ${kb(bytes.length).padStart(10)}   gzip ${kb(zipped).padStart(9)}`);
  }
  say(`  ${'total'.padEnd(36)} ${kb(raw).padStart(10)}   gzip ${kb(gz).padStart(9)}`);
}

const PRIORITIES: TaskPriority[] = ['urgent', 'high', 'normal', 'low'];
const TYPES = ['eligibility-review', 'registration-fix', 'prior-auth-obtain', 'prior-auth-mismatch', 'report-signature-overdue', 'no-show-review'];

async function main(): Promise<void> {
  bundle();
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && fs.existsSync(p)));
  if (!executablePath) {
    say('time to first render: skipped, no Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)');
    return;
  }
  const stops: (() => Promise<unknown>)[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-bench-console-'));
  fs.chmodSync(dataDir, 0o755);
  try {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'imaging_rcm' });
    stops.push(pg.stop);
    const config = parseConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_ISSUER: 'bench',
      JWT_AUDIENCE: 'bench',
      PAYLOAD_KEY: randomBytes(32).toString('base64'),
      PAYLOAD_KEY_ID: 'bench',
      CONSOLE_DIR,
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    });
    const db = createDb(pg.url, 10);
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    const now = Date.now();
    const rows = Array.from({ length: TASKS }, (_, i) => {
      const priority = PRIORITIES[i % PRIORITIES.length]!;
      return {
        task_id: `bench-task-${String(i).padStart(5, '0')}`,
        exam_id: `ex_bench${String(i).padStart(17, '0')}`,
        type: TYPES[i % TYPES.length]!,
        queue: 'front_desk',
        priority,
        priority_rank: PRIORITY_RANK[priority],
        claim_id: null,
        status: 'open',
        escalated: i % 13 === 0,
        due_at: new Date(now + ((i % 97) - 20) * 3_600_000),
        opened_at: new Date(now - 86_400_000),
        closed_at: null,
        context: JSON.stringify({ reason: 'bench' }),
        resolution_action: null,
        resolved_by: null,
        assignee: i % 9 === 0 ? 'bench-front-desk' : null,
        assigned_at: null,
        version: 1,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('tasks').values(rows.slice(i, i + 500) as never).execute();

    // My work reads only PostgreSQL: a lazy Temporal client that is never connected.
    const app = await buildApp({ config, db, temporal: new TemporalClient(), logger: false });
    stops.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const token = await signToken(config.auth.secret!, { sub: 'bench-front-desk', roles: ['front_desk'] }, '1h', { issuer: 'bench', audience: 'bench' });

    const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
    stops.push(() => browser.close());
    const samples: number[] = [];
    for (let i = 0; i < REPEATS + 1; i += 1) {
      // a new tab each time, already signed in (the session the console keeps in sessionStorage), caches cold
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      await context.addInitScript(`sessionStorage.setItem('rcm.console.session', ${JSON.stringify(JSON.stringify({ token, via: 'token' }))})`);
      const page = await context.newPage();
      await page.goto(`${base}/console/`, { waitUntil: 'commit' });
      // a function, not a string: the console's CSP forbids eval, which a string predicate would need
      const drawn = (n: number) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('main tbody tr').length >= n;
      await page.waitForFunction(drawn, TASKS, { timeout: 60_000, polling: 'raf' });
      const ms = await page.evaluate<number>('performance.now()');
      if (i > 0) samples.push(ms); // the first load warms the server (JIT, pool), not the browser: the tab is new each time
      await context.close();
    }
    say(`time to first render of My work with ${TASKS} open tasks (navigation start to every row drawn, ${REPEATS} cold tabs):`);
    say(`  p50 ${percentile(samples, 50).toFixed(0)} ms   worst ${Math.max(...samples).toFixed(0)} ms   (${os.cpus().length} cores)`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
