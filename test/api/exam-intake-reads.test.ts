import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { sampleIntake } from '../support/intake-fixture';

let h: ApiHarness;
/** The same API on a task queue no worker polls: exams it takes in are never run, so only their rows answer. */
let idle: FastifyInstance;
beforeAll(async () => {
  h = await startApiHarness();
  idle = await buildApp({ config: { ...h.config, temporal: { ...h.config.temporal, taskQueue: `${h.config.temporal.taskQueue}-no-worker` } }, db: h.database.db, temporal: h.env.client, logger: false });
  await idle.ready();
});
afterAll(async () => {
  await idle?.close();
  await h?.close();
});

async function intakeThenRead(app: FastifyInstance, body = sampleIntake()) {
  const created = await app.inject({ method: 'POST', url: '/v1/exams', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const examId = created.json<{ examId: string }>().examId;
  const read = await app.inject({ method: 'GET', url: `/v1/exams/${examId}`, headers: bearer(h.tokens.front_desk) });
  return { created, examId, read };
}

test('50 concurrent intakes, each read back at once: every intake 201, every read 200 (never 503)', async () => {
  const runs = await Promise.all(Array.from({ length: 50 }, () => intakeThenRead(h.app)));
  expect(runs.map((r) => r.created.statusCode)).toEqual(Array(50).fill(201));
  expect(runs.map((r) => r.read.statusCode)).toEqual(Array(50).fill(200));
  for (const { examId, read } of runs) expect(read.json()).toMatchObject({ examId, status: 'open', order: { modality: 'MR' }, coverages: [{ payerId: 'medicare-b' }] });
});

test('an exam no worker has taken yet reads back from the row its intake wrote (phase intake, not live)', async () => {
  const runs = await Promise.all(Array.from({ length: 20 }, () => intakeThenRead(idle)));
  expect(runs.map((r) => r.read.statusCode)).toEqual(Array(20).fill(200));
  for (const { examId, read } of runs) {
    expect(read.json()).toMatchObject({ examId, phase: 'intake', status: 'open', live: false, facility: { id: 'main' }, order: { procedures: [{ cpt: '72148' }] } });
  }
  // The row holds PHI encrypted at rest, as the exam's own write does.
  const stored = await sql<{ patient: string }>`select patient::text as patient from exams where exam_id = ${runs[0]!.examId}`.execute(h.database.db);
  expect(stored.rows[0]!.patient).not.toContain('Lovelace');
});

test('the intake, its exam row and its audit row are one change: a repeat adds an audit row, a conflict changes nothing', async () => {
  const body = sampleIntake();
  const first = await intakeThenRead(h.app, body);
  const again = await h.app.inject({ method: 'POST', url: '/v1/exams', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  expect(again.statusCode).toBe(200);
  expect(again.json().examId).toBe(first.examId);
  const conflict = await h.app.inject({
    method: 'POST',
    url: '/v1/exams',
    headers: { ...bearer(h.tokens.integration), 'content-type': 'application/json' },
    payload: JSON.stringify({ ...body, order: { ...body.order, procedures: [{ cpt: '70553' }] } }),
  });
  expect(conflict.statusCode).toBe(409);
  const audit = await h.app.inject({ method: 'GET', url: `/v1/audit?objectType=exam&objectId=${first.examId}`, headers: bearer(h.tokens.supervisor) });
  const rows = (audit.json().items as { action: string; statusCode: number }[]).filter((r) => r.action === 'POST /v1/exams').map((r) => r.statusCode).sort();
  expect(rows).toEqual([200, 201, 409]);
  // No intent row without an outcome: the intake's rows are its outcomes.
  const intents = await h.database.db.selectFrom('audit_log').select('id').where('action', '=', 'POST /v1/exams').where('status_code', '=', 102).execute();
  expect(intents).toEqual([]);
  const exams = await h.database.db.selectFrom('exams').select('order').where('exam_id', '=', first.examId).execute();
  expect(exams).toHaveLength(1);
  expect(exams[0]!.order).toMatchObject({ procedures: [{ cpt: '72148' }] });
});
