import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CompiledQuery, sql } from 'kysely';
import { createDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { openTasksQuery, storedExamRowQuery } from '../db/repositories/exam-view';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { freePort } from '../platform/free-port';

/**
 * The plans of the work-queue and exam-read queries on a table of EXPLAIN_TASKS tasks (default 100,000; one exam
 * per four tasks, one task in EXPLAIN_OPEN_EVERY (10) open, an audit row per task), on an embedded PostgreSQL:
 * `node dist/scripts/explain-queues.js`. The exam read's queries are the repository's own (db/repositories/exam-view.ts). Prints each query's plan and its time; a figure, not a test.
 */
const TASKS = Math.max(1000, Number(process.env.EXPLAIN_TASKS ?? 100_000));
/** one task in this many is open (the rest resolved): a floor that works its queues keeps few open */
const OPEN_EVERY = Math.max(2, Number(process.env.EXPLAIN_OPEN_EVERY ?? 10));
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-explain-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'imaging_rcm' });
  const db = createDb(pg.url, 2);
  try {
    await migrateToLatest(db);
    const exams = Math.ceil(TASKS / 4);
    await sql`INSERT INTO exam_intakes (accession_number, exam_id, body_sha256)
      SELECT 'ACC-' || g, 'ex_' || lpad(g::text, 20, '0'), md5(g::text) FROM generate_series(1, ${exams}) g`.execute(db);
    await sql`INSERT INTO exams (exam_id, accession_number, facility_id, patient, coverages, "order", phase, status, scheduled_at)
      SELECT 'ex_' || lpad(g::text, 20, '0'), 'ACC-' || g, 'main', '{}'::jsonb, '[]'::jsonb, '{}'::jsonb,
             CASE WHEN g % 10 = 0 THEN 'appeal' ELSE 'closed' END, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'closed' END, now()
      FROM generate_series(1, ${exams}) g`.execute(db);
    const queues = ['front_desk', 'coder', 'biller', 'supervisor'];
    await sql`INSERT INTO tasks (task_id, exam_id, type, queue, priority, priority_rank, claim_id, status, escalated, due_at, opened_at, closed_at, context, version)
      SELECT 't_' || g, 'ex_' || lpad((1 + g / 4)::text, 20, '0'), CASE WHEN g % 1000 = 0 THEN 'write-off-approval' ELSE 'denial-work' END, (${sql.val(queues)}::text[])[1 + (g / ${OPEN_EVERY}) % 4],
             'normal', 1 + g % 3, null, CASE WHEN g % ${OPEN_EVERY} = 0 THEN 'open' ELSE 'resolved' END, false,
             now() + ((g % 400) - 200) * interval '1 hour', now() - interval '30 days', CASE WHEN g % ${OPEN_EVERY} = 0 THEN null ELSE now() END, '{}'::jsonb, 1
      FROM generate_series(1, ${TASKS}) g`.execute(db);
    await sql`INSERT INTO audit_log (actor_sub, actor_roles, action, object_type, object_id, request_id, status_code, details, prev_hash, hash)
      SELECT 'bench', '{biller}', 'POST /v1/tasks/:taskId/resolve', CASE WHEN g % 2 = 0 THEN 'task' ELSE 'exam' END, CASE WHEN g % 2 = 0 THEN 't_' || g ELSE 'ex_' || g END, gen_random_uuid()::text, 200,
             jsonb_build_object('outcome', 'ok', 'updateId', 'resolveTask:resolve:t_' || g), '', md5(g::text)
      FROM generate_series(1, ${TASKS}) g`.execute(db).catch((err: Error) => say(`(audit rows not written: ${err.message})`));
    await sql`ANALYZE`.execute(db);

    // What the exam read shows beside phase and tasks, as an exam in appeal records it.
    await sql`UPDATE exams SET exam_view = ${JSON.stringify({
      nextTimers: [{ kind: 'appeal-deadline', dueAt: new Date().toISOString(), claimId: 'c' }],
      claims: [{ claimId: 'c', component: 'global', version: 1, status: 'denied', firstSubmittedAt: new Date().toISOString(), appealLevel: 1, patientResponsibilityCents: 0 }],
      balances: { chargeCents: 120000, patientCents: 0, patientPaidCents: 0, patientWrittenOffCents: 0 },
      report: { status: 'final', addenda: 0 },
    })}::jsonb, exam_view_seq = 12`.execute(db);
    await sql`ANALYZE`.execute(db);

    const tasks = () => db.selectFrom('tasks').selectAll();
    const ordered = <Q extends { orderBy: (c: 'priority_rank' | 'due_at' | 'task_id') => Q; limit: (n: number) => Q }>(q: Q) => q.orderBy('priority_rank').orderBy('due_at').orderBy('task_id').limit(51);
    const queries: [string, CompiledQuery][] = [
      ['task list: one queue, open', ordered(tasks().where('queue', '=', 'biller').where('status', '=', 'open')).compile()],
      ['task list: a role with two queues, open', ordered(tasks().where('queue', 'in', ['biller', 'front_desk']).where('status', '=', 'open')).compile()],
      ['task list: supervisor, every queue, open', ordered(tasks().where('status', '=', 'open')).compile()],
      ['task list: one queue, open, next page', ordered(tasks().where('queue', '=', 'biller').where('status', '=', 'open').where(sql<boolean>`(priority_rank, due_at, task_id) > (1, now(), 't_5000')`)).compile()],
      ['task list: one queue, overdue', ordered(tasks().where('queue', '=', 'biller').where('status', '=', 'open').where('due_at', '<', new Date())).compile()],
      ['task list: my tasks', ordered(tasks().where('assignee', '=', 'someone').where('status', '=', 'open')).compile()],
      ['task list: one exam', ordered(tasks().where('exam_id', '=', 'ex_00000000000000000042')).compile()],
      ['task list: one type', ordered(tasks().where('type', '=', 'denial-work').where('status', '=', 'open')).compile()],
      ['task list: one rare type (one task in 1,000)', ordered(tasks().where('type', '=', 'write-off-approval').where('status', '=', 'open')).compile()],
      ['task resolve: the work queue shows it closed', db.updateTable('tasks').set({ status: 'resolved', closed_at: new Date(), resolution_action: 'appeal', resolved_by: 'someone', updated_at: sql`now()` }).where('task_id', '=', 't_4240').where('status', '=', 'open').compile()],
      ['task by id', tasks().where('task_id', '=', 't_4242').compile()],
      ['exam read (live): exam row', db.selectFrom('exams').selectAll().where('exam_id', '=', 'ex_00000000000000000042').compile()],
      ['exam read (live): intake row', db.selectFrom('exam_intakes').selectAll().where('exam_id', '=', 'ex_00000000000000000042').compile()],
      ['exam read (projection): intake and exam row', storedExamRowQuery(db, 'ex_00000000000000000042').compile()],
      ['exam read (projection): open tasks of the exam', openTasksQuery(db, 'ex_00000000000000000042').compile()],
      ['task resolve: retry check (audit)', db.selectFrom('audit_log').select('id').where('object_type', '=', 'task').where('object_id', '=', 't_4242').where(sql<boolean>`details->>'updateId' = 'resolveTask:resolve:t_4242'`).limit(1).compile()],
    ];
    say(`EXPLAIN ANALYZE on ${TASKS} tasks, ${exams} exams`);
    for (const [name, q] of queries) {
      const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}` } as CompiledQuery<{ 'QUERY PLAN': string }>);
      say(`\n## ${name}`);
      for (const r of rows) say(`  ${r['QUERY PLAN']}`);
    }
  } finally {
    await db.destroy();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`explain failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
