import { signToken } from '../../api/tokens';
import { seedPayerPolicy } from '../../domain/policy';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver, type TaskJson } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

test('work queue: own queue only, filters, priority-then-due order, cursor pages, claim and release', async () => {
  const exams = [await d.intake({ memberId: 'INACTIVE-A' }), await d.intake({ memberId: 'INACTIVE-B' }), await d.intake({ memberId: 'INACTIVE-C' })];
  for (const id of exams) await d.openTask(id, 'eligibility-review');

  const coder = await d.call('GET', '/v1/tasks', 'coder');
  expect((coder.body.tasks as TaskJson[]).filter((t) => exams.includes(t.examId))).toEqual([]);
  expect((await d.call('GET', '/v1/tasks?queue=front_desk', 'coder')).status).toBe(403);
  expect((await d.call('GET', '/v1/tasks?type=nonsense', 'front_desk')).status).toBe(400);
  expect((await d.call('GET', '/v1/tasks?cursor=garbage', 'front_desk')).status).toBe(400);

  const page1 = await d.call('GET', '/v1/tasks?queue=front_desk&type=eligibility-review&limit=2', 'front_desk');
  const page2 = await d.call('GET', `/v1/tasks?queue=front_desk&type=eligibility-review&limit=2&cursor=${page1.body.nextCursor as string}`, 'front_desk');
  const all = [...(page1.body.tasks as TaskJson[]), ...(page2.body.tasks as TaskJson[])];
  expect(all.map((t) => t.examId).sort()).toEqual([...exams].sort());
  expect(page2.body.nextCursor).toBeNull();
  const dues = all.map((t) => t.dueAt);
  expect([...dues].sort()).toEqual(dues);

  const task = all[0]!;
  expect((await d.call('POST', `/v1/tasks/${task.taskId}/claim`, 'biller')).status).toBe(403);
  expect((await d.call('POST', `/v1/tasks/${task.taskId}/claim`, 'front_desk')).body).toMatchObject({ assignee: 'user-front_desk' });
  expect((await d.call('POST', `/v1/tasks/${task.taskId}/claim`, 'supervisor')).status).toBe(409);
  const mine = await d.call('GET', '/v1/tasks?assignee=user-front_desk', 'front_desk');
  expect((mine.body.tasks as TaskJson[]).map((t) => t.taskId)).toEqual([task.taskId]);
  expect((await d.call('POST', `/v1/tasks/${task.taskId}/release`, 'supervisor')).body).toMatchObject({ assignee: null });
  expect((await d.call('GET', '/v1/tasks/nope', 'front_desk')).status).toBe(404);

  // Not yet overdue; two days on (the exam date) every one of them is.
  expect((await d.call('GET', `/v1/tasks?examId=${task.examId}&overdue=true`, 'front_desk')).body.tasks).toEqual([]);
  const invalid = await d.resolve(task.taskId, 'front_desk', { action: 'update-coverage' });
  expect(invalid.status).toBe(422);
  expect((await d.resolve(task.taskId, 'front_desk', { action: 'teleport' })).status).toBe(422);
  const audit = await d.call('GET', `/v1/audit?objectType=task&objectId=${task.taskId}`, 'supervisor');
  expect(audit.status).toBe(200);
});

test('claim next: people working one queue at once each get a different task, in work-queue order; none left is task null', async () => {
  const exams = [await d.intake({ memberId: 'INACTIVE-D' }), await d.intake({ memberId: 'INACTIVE-E' }), await d.intake({ memberId: 'INACTIVE-F' })];
  for (const id of exams) await d.openTask(id, 'eligibility-review');
  const listed = await d.call('GET', '/v1/tasks?queue=front_desk&type=eligibility-review&limit=200', 'front_desk');
  const unassigned = (listed.body.tasks as TaskJson[]).filter((t) => t.assignee === null).map((t) => t.taskId);
  expect(unassigned.length).toBeGreaterThanOrEqual(3);

  // Eight front-desk people press "next" together, again and again, until the queue is empty.
  const people = await Promise.all(Array.from({ length: 8 }, (_, i) => signToken(h.config.auth.secret!, { sub: `fd-${i}`, roles: ['front_desk'] })));
  const next = async (token: string) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/tasks/claim-next', headers: bearer(token), payload: { queue: 'front_desk', type: 'eligibility-review' } });
    return { status: res.statusCode, task: (JSON.parse(res.body) as { task: TaskJson | null }).task };
  };
  const claimedBy = await Promise.all(
    people.map(async (token) => {
      const mine: TaskJson[] = [];
      for (;;) {
        const r = await next(token);
        expect(r.status).toBe(200);
        if (r.task === null) return mine;
        mine.push(r.task);
      }
    }),
  );
  const all = claimedBy.flat();
  expect(all.map((t) => t.taskId).sort()).toEqual([...unassigned].sort());
  claimedBy.forEach((mine, i) => mine.forEach((t) => expect(t.assignee).toBe(`fd-${i}`)));
  // each person's own claims come in the queue's order
  for (const mine of claimedBy) expect(mine.map((t) => unassigned.indexOf(t.taskId))).toEqual(mine.map((t) => unassigned.indexOf(t.taskId)).sort((a, b) => a - b));

  expect((await d.call('POST', '/v1/tasks/claim-next', 'front_desk', { queue: 'front_desk', type: 'eligibility-review' })).body).toEqual({ task: null });
  expect((await d.call('POST', '/v1/tasks/claim-next', 'biller', { queue: 'front_desk' })).status).toBe(403);
  expect((await d.call('POST', '/v1/tasks/claim-next', 'front_desk', { queue: 'everyone' })).status).toBe(400);

  // Given back, the first two tasks are next again. While someone is claiming the first (its row locked), "next"
  // hands out the second at once rather than wait; then the first. The claims are in the audit trail.
  const [first, second] = [all.find((t) => t.taskId === unassigned[0])!, all.find((t) => t.taskId === unassigned[1])!];
  for (const t of [first, second]) expect((await d.call('POST', `/v1/tasks/${t.taskId}/release`, 'supervisor')).status).toBe(200);
  const body = { queue: 'front_desk', type: 'eligibility-review' };
  await h.database.db.transaction().execute(async (trx) => {
    await trx.selectFrom('tasks').select('task_id').where('task_id', '=', first.taskId).forUpdate().execute();
    expect((await d.call('POST', '/v1/tasks/claim-next', 'front_desk', body)).body.task).toMatchObject({ taskId: second.taskId });
  });
  const again = await d.call('POST', '/v1/tasks/claim-next', 'front_desk', body);
  expect(again.body.task).toMatchObject({ taskId: first.taskId, assignee: 'user-front_desk' });
  const audit = await d.call('GET', `/v1/audit?objectType=task&objectId=${first.taskId}`, 'supervisor');
  const claims = (audit.body.items as { action: string; actorSub: string; statusCode: number }[]).filter((e) => e.action === 'POST /v1/tasks/claim-next').map((e) => [e.actorSub, e.statusCode]);
  expect(claims).toEqual(expect.arrayContaining([['user-front_desk', 200], [first.assignee, 200]]));
});

test('payers: admin reads and replaces a policy; an invalid one is a 422 and changes nothing', async () => {
  const got = await d.call('GET', '/v1/payers/medicare-b', 'admin');
  expect(got.body).toMatchObject({ payerId: 'medicare-b', version: 1, policy: { timelyFiling: { days: 365 } } });
  expect((await d.call('GET', '/v1/payers/medicare-b', 'biller')).status).toBe(403);
  expect((await d.call('GET', '/v1/payers/nobody', 'admin')).status).toBe(404);
  const policy = { ...seedPayerPolicy('commercial-a') };
  const bad = await d.call('PUT', '/v1/payers/commercial-a', 'admin', { ...policy, timelyFiling: { days: 10, riskWarningDays: 30 } });
  expect(bad.status).toBe(422);
  expect((await d.call('PUT', '/v1/payers/commercial-b', 'admin', policy)).status).toBe(422);
  const put = await d.call('PUT', '/v1/payers/commercial-a', 'admin', { ...policy, followUp: { firstStatusInquiryDays: 21, repeatEveryDays: 10 } });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ version: 2, policy: { followUp: { firstStatusInquiryDays: 21 } } });
  expect((await d.call('GET', '/v1/payers', 'admin')).body.payers).toHaveLength(6);
});
