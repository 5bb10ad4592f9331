import { seedPayerPolicy } from '../../domain/policy';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

/** Payer policies are configuration an admin types: values no contract has cannot reach the exams. */
let h: ApiHarness;
let d: ExamDriver;
beforeAll(async () => {
  h = await startApiHarness();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const commercial = () => JSON.parse(JSON.stringify(seedPayerPolicy('commercial-a'))) as Record<string, Record<string, unknown>>;

test('a policy with a duration beyond any contract (3,000,000 days, a million hours) is refused with 422 naming the field', async () => {
  const huge = commercial();
  huge.timelyFiling = { ...huge.timelyFiling, days: 3_000_000 };
  const res = await d.call('PUT', '/v1/payers/commercial-a', 'admin', huge);
  expect(res.status).toBe(422);
  expect(JSON.stringify(res.body)).toContain('timelyFiling.days');
  const hours = commercial();
  hours.taskDueHours = { ...(hours.taskDueHours ?? {}), 'coding-review': 1_000_000 };
  expect((await d.call('PUT', '/v1/payers/commercial-a', 'admin', hours)).status).toBe(422);
});

test('a policy stored before the bounds does not break the exams of its payer: they keep to the seed rules of its payer type (here: prior authorization for an MR)', async () => {
  const stored = { ...commercial(), id: 'commercial-z', name: 'Legacy Plan', x12PayerId: 'LEGZ1' } as Record<string, unknown>;
  (stored.timelyFiling as Record<string, unknown>).days = 3_000_000;
  await h.database.db.insertInto('payers').values({ payer_id: 'commercial-z', name: 'Legacy Plan', payer_type: 'commercial', active: true, policy: JSON.stringify(stored), updated_by: 'legacy-import' }).execute();
  const examId = await d.intake({ payerId: 'commercial-z', memberId: 'LEG-0001' });
  const exam = await d.waitPhase(examId, 'prior_auth');
  expect(exam.openTasks.filter((t) => t.type === 'interface-error')).toEqual([]);
  expect(exam.nextTimers.every((t) => Number.isFinite(Date.parse(t.dueAt)))).toBe(true);
});
