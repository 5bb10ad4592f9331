import { seedPayerPolicy } from '../../domain/policy';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
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
