import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { respondToClaimFile } from '../../domain/sandbox-payer';
import { examStatusQuery } from '../../workflows/exam/messages';
import { INGESTION_WORKFLOW_TYPE, type IngestionInput, ingestionWorkflowId } from '../../workflows/ingestion/names';
import { examWorkflowId } from '../../workflows/names';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, bearer } from '../support/api-harness';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';
import { ExamDriver, type TaskJson } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

/**
 * An 835 the payer sends later for the claim as it was sent (the sandbox payer's answer to the stored 837),
 * under a trace number of its own. `memberId` stands in for the one on the 837 so that the payer pays.
 */
async function lateRemittance(claimId: string, trace: string, memberId?: { from: string; to: string }): Promise<string> {
  const sent = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
  expect(sent.statusCode).toBe(200);
  const x12 = memberId ? sent.body.replace(memberId.from, memberId.to) : sent.body;
  const files = respondToClaimFile(x12, bundledRefData(), { date: '2027-01-15', time: '0900' });
  const remit = files.find((f) => f.transactionType === '835');
  if (!remit) throw new Error('the sandbox payer sent no 835');
  return remit.x12.replace(/TRN\*1\*[^*~]+/, `TRN*1*${trace}`);
}

type FileStatus = {
  fileId: string;
  status: string;
  counts: { unmatched: number };
  unmatchedTaskId: string | null;
  claims: { claimReference: string; examId: string | null; claimId: string | null; outcome: string | null; signaled: boolean; reason: string | null }[];
};

const upload = (x12: string) =>
  h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });

/** The file's status URL, read until its delivery is done (what an integration polls after the 202). */
async function delivered(statusUrl: string): Promise<FileStatus> {
  for (let i = 0; i < 600; i += 1) {
    const res = await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(h.tokens.biller) });
    expect(res.statusCode).toBe(200);
    const file = res.json<FileStatus>();
    if (file.status === 'delivered' || file.status === 'failed') return file;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

/**
 * The file delivered once more, as after a crash that lost the record of its delivery: its claims are marked
 * undelivered again and its ingestion workflow runs again (the real one, on the worker). Returns the new status.
 */
async function redeliver(fileId: string, statusUrl: string): Promise<FileStatus> {
  await h.database.db.updateTable('ingestion_items').set({ outcome: null, reason: null, delivered_at: null }).where('file_id', '=', fileId).execute();
  await h.database.db.updateTable('ingestion_files').set({ status: 'delivering', delivered_at: null }).where('file_id', '=', fileId).execute();
  const input: IngestionInput = { fileId, batchSize: 50 };
  await h.env.client.workflow.start(INGESTION_WORKFLOW_TYPE, {
    workflowId: ingestionWorkflowId(fileId), taskQueue: h.config.temporal.taskQueue, args: [input], workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
  return delivered(statusUrl);
}

/** The run number the exam's workflow reports (1 for the first run; continue-as-new and reopening add one). */
const runOf = async (examId: string) => (await h.env.client.workflow.getHandle(examWorkflowId(examId)).query(examStatusQuery)).run;

async function latestRunId(examId: string): Promise<string> {
  return (await h.env.client.workflow.getHandle(examWorkflowId(examId)).describe()).runId;
}

test('a late 835 after the exam closed reopens it: the refund task stays workable until a biller resolves it, then the exam closes again', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  const billed = await d.waitPhase(examId, 'patient_balance');
  const claimId = billed.claims[0]!.claimId;
  await d.pay(examId, billed.balances.patientCents!, 'CARD-LATE-1');
  const closed = await d.waitPhase(examId, 'closed');
  expect(closed.openTasks).toEqual([]);
  const handle = h.env.client.workflow.getHandle(examWorkflowId(examId));
  const closedRun = await latestRunId(examId);
  await handle.result();
  const runsBefore = await runOf(examId);

  const x12 = await lateRemittance(claimId, 'LATE0001');
  const res = await upload(x12);
  expect(res.statusCode).toBe(202);
  const { fileId, statusUrl } = res.json<{ fileId: string; statusUrl: string }>();
  expect(res.json()).toMatchObject({ duplicate: false, status: 'received', claimCount: 1 });
  const file = await delivered(statusUrl);
  expect(file).toMatchObject({ status: 'delivered', counts: { unmatched: 0 }, unmatchedTaskId: null });
  expect(file.claims).toEqual([expect.objectContaining({ claimId, examId, signaled: true, outcome: 'reopened' })]);

  // The exam's workflow takes it in a new run that carries everything; the refund task is in the biller's queue.
  const after = await d.waitFor(examId, (e) => e.openTasks.some((t) => t.type === 'credit-balance-refund'), 'refund task after the late payment');
  expect(after).toMatchObject({ phase: 'closed', status: 'closed' });
  expect(await runOf(examId)).toBe(runsBefore + 1);
  expect(after.balances.patientCents).toBe(0);
  const queue = await d.call('GET', '/v1/tasks?queue=biller&type=credit-balance-refund', 'biller');
  const refund = (queue.body.tasks as TaskJson[]).find((t) => t.examId === examId);
  expect(refund).toMatchObject({ queue: 'biller', status: 'open', context: expect.objectContaining({ reason: 'payment-after-close', paidCents: expect.any(Number) }) });
  const paidCents = (refund!.context as { paidCents: number }).paidCents;
  expect(paidCents).toBeGreaterThan(0);
  const reopenedRun = await latestRunId(examId);
  expect(reopenedRun).not.toBe(closedRun);
  // The reopened run does not end while its work is open.
  await d.sleep('2 days');
  expect((await handle.describe()).status.name).toBe('RUNNING');
  const history = await handle.fetchHistory();
  const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).map((e) => e.workflowExecutionSignaledEventAttributes!.signalName);
  expect(signals).toEqual(['remittanceReceived']);

  // The same file again: a duplicate, no new run, no new task.
  const again = await upload(x12);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toMatchObject({ duplicate: true, fileId, status: 'delivered' });
  expect(await latestRunId(examId)).toBe(reopenedRun);
  expect((await d.tasks(examId)).filter((t) => t.type === 'credit-balance-refund')).toHaveLength(1);

  // Delivered again because the record of its delivery was lost (as after a crash): the running exam takes it once.
  const redelivered = await redeliver(fileId, statusUrl);
  expect(redelivered.claims).toEqual([expect.objectContaining({ claimId, outcome: 'signaled', signaled: true })]);
  expect(await latestRunId(examId)).toBe(reopenedRun);
  expect((await d.tasks(examId)).filter((t) => t.type === 'credit-balance-refund')).toHaveLength(1);

  // A biller refunds the payer: the task is resolved, the exam's run ends, closed again.
  const resolved = await d.resolve(refund!.taskId, 'biller', { action: 'refunded', reference: 'PAYER-REFUND-1', amountCents: paidCents });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ task: { status: 'resolved', resolutionAction: 'refunded', resolvedBy: 'user-biller' }, exam: { phase: 'closed', openTasks: [] } });
  expect(await handle.result()).toEqual({ phase: 'closed' });
  const final = await d.exam(examId);
  expect(final).toMatchObject({ phase: 'closed', status: 'closed', openTasks: [] });
  expect(final.balances.patientCents).toBe(0);
  const refundTasks = (await d.tasks(examId)).filter((t) => t.type === 'credit-balance-refund');
  expect(refundTasks).toEqual([expect.objectContaining({ status: 'resolved', resolvedBy: 'user-biller' })]);
  // The biller's retry of the same resolution after the run ended answers as the first did; another is refused.
  const retried = await d.resolve(refund!.taskId, 'biller', { action: 'refunded', reference: 'PAYER-REFUND-1', amountCents: paidCents });
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({ task: { status: 'resolved', resolutionAction: 'refunded', resolvedBy: 'user-biller' }, exam: { phase: 'closed' } });
  expect((await d.resolve(refund!.taskId, 'biller', { action: 'applied-to-other-balance', reference: 'PAYER-REFUND-1', amountCents: paidCents })).status).toBe(409);
  await d.record(examId, 'late-remittance-reopened');

  // After it closed again, the file delivered once more: already posted, nothing reopens.
  const afterClose = await redeliver(fileId, statusUrl);
  expect(afterClose.claims).toEqual([expect.objectContaining({ claimId, outcome: 'already-posted', signaled: true })]);
  expect(await latestRunId(examId)).toBe(reopenedRun);
  expect((await d.tasks(examId)).filter((t) => t.type === 'credit-balance-refund')).toHaveLength(1);
});

test('an 835 for a cancelled exam is not posted to it: it becomes unmatched remittance work, and stays so when sent again', async () => {
  // The payer never answers this claim; the exam is cancelled while waiting for the 835.
  const examId = await d.intake({ memberId: 'NORESP01' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const waiting = await d.waitPhase(examId, 'adjudication');
  const claimId = waiting.claims[0]!.claimId;
  const cancelled = await d.call('POST', `/v1/exams/${examId}/cancel`, 'supervisor', { reason: 'patient moved out of state' });
  expect(cancelled.status).toBe(200);
  await d.waitPhase(examId, 'cancelled');
  await h.env.client.workflow.getHandle(examWorkflowId(examId)).result();
  const cancelledRun = await latestRunId(examId);

  const claimRow = () => h.database.db.selectFrom('claims').select(['status', 'paid_cents']).where('claim_id', '=', claimId).executeTakeFirstOrThrow();
  const before = await claimRow();

  const x12 = await lateRemittance(claimId, 'LATE0002', { from: 'NORESP01', to: 'PAYLATE1' });
  const res = await upload(x12);
  expect(res.statusCode).toBe(202);
  const file = await delivered(res.json<{ statusUrl: string }>().statusUrl);
  expect(file).toMatchObject({ status: 'delivered', counts: { unmatched: 1 }, unmatchedTaskId: expect.any(String) });
  expect(file.claims).toEqual([expect.objectContaining({ claimReference: claimId, examId, signaled: false, outcome: 'unmatched', reason: expect.stringContaining('cancelled') })]);
  const work = await h.database.db.selectFrom('unmatched_remittance_claims').selectAll().where('claim_reference', '=', claimId).execute();
  expect(work).toEqual([expect.objectContaining({ transaction_type: '835', trace_number: 'LATE0002', status: 'open', reason: expect.stringContaining('cancelled') })]);
  expect(work[0]!.paid_cents).toBeGreaterThan(0);
  expect(await latestRunId(examId)).toBe(cancelledRun);
  expect((await d.exam(examId)).phase).toBe('cancelled');
  // The cancelled exam's claim keeps its status: the payment is work for a biller, not a paid claim.
  expect(await claimRow()).toEqual(before);
  expect(before.status).not.toBe('paid');
  const history = await h.database.db.selectFrom('claim_status_history').select(['source']).where('claim_id', '=', claimId).execute();
  expect(history.map((r) => r.source)).not.toContain('835');
  // ... and it is in the biller's work queue, naming the cancelled exam.
  const queue = await d.call('GET', '/v1/tasks?queue=biller&type=remittance-unmatched', 'biller');
  const item = (queue.body.tasks as TaskJson[]).find((t) => (t.context as { claimReference?: string }).claimReference === claimId);
  expect(item).toMatchObject({ taskId: file.unmatchedTaskId, examId: null, status: 'open', context: expect.objectContaining({ examId, traceNumber: 'LATE0002', paidCents: work[0]!.paid_cents }) });

  const again = await upload(x12);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toMatchObject({ duplicate: true, fileId: file.fileId, status: 'delivered' });
  expect(await h.database.db.selectFrom('unmatched_remittance_claims').selectAll().where('claim_reference', '=', claimId).execute()).toHaveLength(1);
  const items = ((await d.call('GET', '/v1/tasks?type=remittance-unmatched', 'supervisor')).body.tasks as TaskJson[]).filter((t) => (t.context as { claimReference?: string }).claimReference === claimId);
  expect(items).toHaveLength(1);
  expect(await claimRow()).toEqual(before);

  // Matched back to the cancelled exam: refused, it stays work; returned to the payer: done.
  const back = await d.resolve(items[0]!.taskId, 'biller', { action: 'matched', examId });
  expect(back).toMatchObject({ status: 422, body: { error: { code: 'not_deliverable' } } });
  expect(await latestRunId(examId)).toBe(cancelledRun);
  const returned = await d.resolve(items[0]!.taskId, 'biller', { action: 'returned-to-payer', reference: 'RETURN-EFT-9' });
  expect(returned).toMatchObject({ status: 200, body: { task: { status: 'resolved', resolutionAction: 'returned-to-payer' } } });
  expect(await claimRow()).toEqual(before);
});
