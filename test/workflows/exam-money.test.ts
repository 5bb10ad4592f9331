import { type ApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';

let h: ApiHarness;
let d: ExamDriver;
// Time passes in these tests: a test server of their own, so the shared clock of other files never jumps.
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer();
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => h?.close());

interface LedgerJson {
  entries: { source: { kind: string; documentId: string } }[];
  accounts: { account: string; balanceCents: number }[];
  totals: { chargesCents: number; insuranceOpenCents: number; patientOpenCents: number; adjustmentsCents: number; balanced: boolean };
}

async function ledger(examId: string): Promise<LedgerJson> {
  const res = await d.call('GET', `/v1/exams/${examId}/ledger`, 'supervisor');
  expect(res.status).toBe(200);
  return res.body as unknown as LedgerJson;
}

async function billed(memberId: string): Promise<string> {
  const examId = await d.intake({ memberId });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  return examId;
}

test('an approved write-off of a denied claim moves its open insurance balance to the write-off account, named by the approval', async () => {
  const examId = await billed('DENY50-21');
  const denial = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(denial.taskId, 'biller', { action: 'write-off-request', reason: 'denial' })).status).toBe(200);
  const approval = await d.openTask(examId, 'write-off-approval');
  expect((await d.resolve(approval.taskId, 'supervisor', { action: 'approve' })).status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const l = await ledger(examId);
  expect(l.totals).toMatchObject({ balanced: true, insuranceOpenCents: 0, patientOpenCents: 0, adjustmentsCents: l.totals.chargesCents });
  expect(l.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'write_off:denial', balanceCents: l.totals.chargesCents })]));
  expect(l.entries.at(-1)!.source).toEqual(expect.objectContaining({ kind: 'write-off', documentId: `task:${approval.taskId}` }));
});

test('statements every cycle are stored as PDFs; a balance sent to collections leaves the books as bad debt', async () => {
  const examId = await billed('1EG4TE5MK73');
  const billing = await d.waitPhase(examId, 'patient_balance');
  const owed = billing.balances.patientCents!;
  await d.sleep('31 days');
  const statements = await h.database.db.selectFrom('documents').select(['id', 'kind']).where('exam_id', '=', examId).where('kind', '=', 'statement').execute();
  expect(statements.length).toBeGreaterThanOrEqual(2);
  expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);

  await d.sleep('60 days');
  const review = await d.openTask(examId, 'patient-balance-review');
  expect((await d.resolve(review.taskId, 'biller', { action: 'send-to-collections' })).status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const l = await ledger(examId);
  expect(l.totals).toMatchObject({ balanced: true, patientOpenCents: 0, insuranceOpenCents: 0 });
  expect(l.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'write_off:bad-debt', balanceCents: owed })]));
});
