import { Client } from '@temporalio/client';
import { openStalledExamTask } from '../../db/repositories/stalled-exams';
import type { SweepSummary } from '../../activities/watchdog/sweep-stalled-exams';
import { createDataConverter } from '../../platform/data-converter';
import { WATCHDOG_WORKFLOW_TYPE, examWorkflowId } from '../../workflows/names';
import type { ApiHarness } from '../support/api-harness';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';
import { ExamDriver, type TaskJson } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;
let sweeps = 0;

beforeAll(async () => {
  h = await startApiHarnessOnOwnServer();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

/**
 * One run of the watchdog workflow, as its Temporal Schedule starts it every few minutes. Through a client that
 * does not let the test server skip time while it waits (the clock moves only by `d.sleep`).
 */
async function sweep(): Promise<SweepSummary> {
  sweeps += 1;
  const client = new Client({ connection: h.env.connection, dataConverter: createDataConverter(h.config) });
  return client.workflow.execute(WATCHDOG_WORKFLOW_TYPE, { taskQueue: h.config.temporal.taskQueue, workflowId: `watchdog-test-${Date.now()}-${sweeps}`, args: [] });
}

/** The exam has reached the phase in the projection too, and its workflow has nothing in flight. */
async function idleIn(examId: string, phase: string): Promise<void> {
  await d.waitPhase(examId, phase);
  const handle = h.env.client.workflow.getHandle(examWorkflowId(examId));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = await h.database.db.selectFrom('exams').select('phase').where('exam_id', '=', examId).executeTakeFirst();
    const described = await handle.describe();
    if (row?.phase === phase && (described.raw.pendingActivities?.length ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`exam not idle in ${phase}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stalledTasks(examId: string): Promise<TaskJson[]> {
  const res = await d.call('GET', `/v1/tasks?examId=${examId}&type=stalled-exam&status=all`, 'supervisor');
  return res.body.tasks as TaskJson[];
}

async function metric(name: string): Promise<number | undefined> {
  const res = await h.app.inject({ method: 'GET', url: '/metrics' });
  const line = res.body.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

let stalled: string;
let onTimer: string;
let onTask: string;

test('an open exam whose workflow was terminated gets one stalled-exam task in the supervisor queue; healthy exams get none; /metrics counts it', async () => {
  stalled = await d.intake();
  onTimer = await d.intake();
  onTask = await d.intake({ memberId: 'INACTIVE-WD' });
  await idleIn(stalled, 'awaiting_exam');
  await idleIn(onTimer, 'awaiting_exam');
  await d.openTask(onTask, 'eligibility-review');
  await h.env.client.workflow.getHandle(examWorkflowId(stalled)).terminate('operator error');
  expect(await metric('rcm_watchdog_last_sweep_timestamp_seconds')).toBe(0);

  // Within the grace period nothing is asked: an exam that just changed is not suspect.
  const early = await sweep();
  expect(early.opened).toBe(0);
  expect(await stalledTasks(stalled)).toEqual([]);

  await d.sleep('11 minutes');
  const first = await sweep();
  // All three asked of Temporal: the stalled one and the one on a timer (suspects), the one with a task (never checked yet).
  expect(first).toMatchObject({ candidates: 3, checked: 3, stalled: 1, opened: 1, inconclusive: 0 });

  const queue = await d.call('GET', '/v1/tasks?queue=supervisor', 'supervisor');
  const found = (queue.body.tasks as TaskJson[]).filter((t) => t.type === 'stalled-exam');
  expect(found).toHaveLength(1);
  const task = found[0]!;
  expect(task).toMatchObject({ examId: stalled, queue: 'supervisor', priority: 'urgent', status: 'open' });
  expect(task.context).toMatchObject({
    source: 'exam-watchdog',
    reason: 'workflow-not-running',
    workflowStatus: 'terminated',
    pendingActivities: 0,
    openTasks: null,
    nextTimer: null,
    phase: 'awaiting_exam',
  });
  expect(task.context.minutesSinceLastChange).toBeGreaterThanOrEqual(10);
  // Codes only: nothing of the patient.
  expect(JSON.stringify(task.context)).not.toMatch(/Lovelace|MRN|1EG4TE5MK73/);

  expect(await stalledTasks(onTimer)).toEqual([]);
  expect(await stalledTasks(onTask)).toEqual([]);
  expect(await metric('rcm_stalled_exams')).toBe(1);
  expect(await metric('rcm_watchdog_last_sweep_timestamp_seconds')).toBe(Date.parse(first.sweptAt) / 1000);
});

test('a second sweep sees the exam stalled again and opens no duplicate', async () => {
  await d.sleep('11 minutes');
  const second = await sweep();
  // Only the stalled exam is asked again: the others have a task or a timer ahead and did not change.
  expect(second).toMatchObject({ candidates: 1, checked: 1, stalled: 1, opened: 0 });
  expect(await stalledTasks(stalled)).toHaveLength(1);
  expect(await stalledTasks(onTimer)).toEqual([]);
  expect(await metric('rcm_stalled_exams')).toBe(1);
});

test('a supervisor acknowledges it with a plan through the API (a biller may not); audited; no new task while the exam stays as it was', async () => {
  const [task] = await stalledTasks(stalled);
  expect((await d.resolve(task!.taskId, 'biller', { action: 'acknowledge', plan: 'restart the exam' })).status).toBe(403);
  expect((await d.call('GET', '/v1/tasks?queue=supervisor', 'biller')).status).toBe(403);
  const invalid = await d.resolve(task!.taskId, 'supervisor', { action: 'acknowledge' });
  expect(invalid.status).toBe(422);
  expect((await d.resolve(task!.taskId, 'supervisor', { action: 'retry' })).status).toBe(422);

  const done = await d.resolve(task!.taskId, 'supervisor', { action: 'acknowledge', plan: 'restart the exam from its intake', note: 'ticket 42' });
  expect(done.status).toBe(200);
  expect(done.body.task).toMatchObject({ taskId: task!.taskId, status: 'resolved', resolutionAction: 'acknowledge', resolvedBy: 'user-supervisor' });
  expect((await d.resolve(task!.taskId, 'supervisor', { action: 'acknowledge', plan: 'again' })).status).toBe(409);
  const plan = await h.database.db.selectFrom('stalled_exam_acknowledgments').selectAll().where('task_id', '=', task!.taskId).executeTakeFirst();
  expect(plan).toMatchObject({ exam_id: stalled, plan: 'restart the exam from its intake', note: 'ticket 42', acknowledged_by: 'user-supervisor' });

  const audit = await d.call('GET', `/v1/audit?objectType=task&objectId=${task!.taskId}`, 'supervisor');
  const entries = audit.body.items as { action: string; statusCode: number; actorSub: string }[];
  const resolutions = entries.filter((e) => e.action === 'POST /v1/tasks/:taskId/resolve').map((e) => [e.actorSub, e.statusCode]);
  expect(resolutions).toEqual(expect.arrayContaining([['user-biller', 403], ['user-supervisor', 200], ['user-supervisor', 409]]));
  expect(await metric('rcm_stalled_exams')).toBe(0);

  await d.sleep('11 minutes');
  const after = await sweep();
  expect(after.opened).toBe(0);
  expect((await stalledTasks(stalled)).map((t) => t.status)).toEqual(['resolved']);
});

test('the watchdog closes its own task (superseded) once the exam is healthy again or no longer open', async () => {
  // As an earlier sweep would have left them: a stalled-exam task open on a healthy exam and on one about to be cancelled.
  const at = new Date(await d.now());
  await openStalledExamTask(h.database.db, { examId: onTimer, at, dueHours: 24, seen: { reason: 'nothing-pending' } });
  await openStalledExamTask(h.database.db, { examId: onTask, at, dueHours: 24, seen: { reason: 'nothing-pending' } });
  expect(await openStalledExamTask(h.database.db, { examId: onTimer, at, dueHours: 24, seen: {} })).toBeNull();
  expect(await metric('rcm_stalled_exams')).toBe(2);
  expect((await d.call('POST', `/v1/exams/${onTask}/cancel`, 'front_desk', { reason: 'duplicate order' })).status).toBe(200);
  await idleIn(onTask, 'cancelled');

  await d.sleep('11 minutes');
  const summary = await sweep();
  expect(summary).toMatchObject({ superseded: 2, opened: 0 });
  const [healthy] = await stalledTasks(onTimer);
  expect(healthy).toMatchObject({ status: 'superseded', context: { closedBy: 'exam-watchdog', closedReason: 'exam-healthy' } });
  const [cancelled] = await stalledTasks(onTask);
  expect(cancelled).toMatchObject({ status: 'superseded', context: { closedBy: 'exam-watchdog', closedReason: 'exam-not-open' } });
  expect(await metric('rcm_stalled_exams')).toBe(0);
});
