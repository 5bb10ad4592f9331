import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../domain/sandbox-payer';
import { type ClaimPayment835, build835, parse835 } from '../../domain/x12';
import { ingestionLimits } from '../../activities/ingestion/ingestion-limits';
import { receiveInboundFile } from '../../activities/ingestion/receive-inbound-file';
import { startIngestion, startReceivedIngestions } from '../../activities/ingestion/start-ingestion';
import { ingestionWorkflowId } from '../../workflows/ingestion/names';
import { WATCHDOG_WORKFLOW_TYPE, examWorkflowId } from '../../workflows/names';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  // two claims per delivery activity, so that a three-claim file takes two batches
  process.env.INGEST_BATCH_SIZE = '2';
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => {
  delete process.env.INGEST_BATCH_SIZE;
  await h?.close();
});

/** An exam whose claim the payer accepted and never paid: it waits in adjudication for its 835. */
async function examAwaitingPayment(): Promise<{ examId: string; claimId: string }> {
  const examId = await d.intake({ memberId: 'NORESP01' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const waiting = await d.waitPhase(examId, 'adjudication');
  return { examId, claimId: waiting.claims[0]!.claimId };
}

/** The sandbox payer's payment of the claim as it was sent. */
async function payment(claimId: string): Promise<ReturnType<typeof parse835>['transactions'][number]> {
  const x12 = (await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) })).body;
  const files = respondToClaimFile(x12.replace('NORESP01', 'PAYLATE1'), bundledRefData(), { date: '2027-01-15', time: '0900' });
  return parse835(files.find((f) => f.transactionType === '835')!.x12).transactions[0]!;
}

/** With RCM_RECORD_HISTORIES=1, keeps a finished workflow's history for the replay test (test/replay/histories/<name>.json). */
async function record(workflowId: string, workflowType: string, name: string): Promise<void> {
  if (process.env.RCM_RECORD_HISTORIES !== '1') return;
  const handle = h.env.client.workflow.getHandle(workflowId);
  for (let i = 0; i < 600 && (await handle.describe()).status.name === 'RUNNING'; i += 1) await new Promise((r) => setTimeout(r, 50));
  const history = await handle.fetchHistory();
  const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
  fs.writeFileSync(path.join(__dirname, '..', 'replay', 'histories', `${name}.json`), `${JSON.stringify({ workflowType, encoding: 'proto-base64', history: encoded }, null, 0)}\n`);
}

async function signalsOf(examId: string): Promise<string[]> {
  const names: string[] = [];
  let runId: string | undefined;
  do {
    const history = await h.env.client.workflow.getHandle(examWorkflowId(examId), runId).fetchHistory();
    names.unshift(...(history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).map((e) => e.workflowExecutionSignaledEventAttributes!.signalName!));
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return names;
}

test('a delivery that fails after delivering half its batch completes on retry: every claim delivered once, each ledger posting once', async () => {
  const exams = [await examAwaitingPayment(), await examAwaitingPayment(), await examAwaitingPayment()];
  const remits = await Promise.all(exams.map((e) => payment(e.claimId)));
  const remit = remits[0]!;
  remit.claims = remits.map((r) => r.claims[0]!) as ClaimPayment835[];
  remit.payment.amountCents = remit.claims.reduce((t, c) => t + c.paidCents, 0);
  remit.trace = { ...remit.trace, number: 'BULK0001' };
  const file = build835(answerEnvelope(undefined, { date: '2027-01-15', time: '0900' }), [remit]);

  // A real fault, once: recording the second claim's delivery fails after its exam was signalled (as a worker
  // killed between the two would), failing the batch's activity.
  await sql`CREATE SEQUENCE ingest_fault`.execute(h.database.db);
  await sql`CREATE FUNCTION ingest_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.item_index = 1 AND NEW.outcome IS NOT NULL AND nextval('ingest_fault') = 1 THEN RAISE EXCEPTION 'injected fault'; END IF;
      RETURN NEW;
    END $$`.execute(h.database.db);
  await sql`CREATE TRIGGER ingest_fault BEFORE UPDATE ON ingestion_items FOR EACH ROW EXECUTE FUNCTION ingest_fault()`.execute(h.database.db);

  const res = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: file });
  expect(res.statusCode).toBe(202);
  const { statusUrl, fileId } = res.json<{ statusUrl: string; fileId: string }>();
  type Status = { status: string; counts: { signaled: number; pending: number }; claims: { claimId: string; examId: string; outcome: string }[] };
  let status: Status | undefined;
  for (let i = 0; i < 600 && status?.status !== 'delivered'; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, 50));
    status = (await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(h.tokens.biller) })).json<Status>();
  }
  expect(status).toMatchObject({ status: 'delivered', counts: { signaled: 3, pending: 0 } });
  expect(status!.claims.map((c) => [c.examId, c.claimId, c.outcome])).toEqual(exams.map((e) => [e.examId, e.claimId, 'signaled']));
  // the fault happened: the ingestion workflow's batch failed once and was retried
  const history = await h.env.client.workflow.getHandle(`ingest:${fileId}`).fetchHistory();
  const starts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
  expect(starts).toContain(2);
  await record(`ingest:${fileId}`, 'ingestionWorkflow', 'ingestion-batch-retried');

  for (const [i, e] of exams.entries()) {
    const paid = await d.waitFor(e.examId, (x) => x.claims[0]?.status === 'paid', 'claim paid');
    expect(['patient_balance', 'closed']).toContain(paid.phase);
    const claim = await h.database.db.selectFrom('claims').select(['paid_cents']).where('claim_id', '=', e.claimId).executeTakeFirstOrThrow();
    expect(claim.paid_cents).toBe(remit.claims[i]!.paidCents);
    const history835 = await h.database.db.selectFrom('claim_status_history').select('status').where('claim_id', '=', e.claimId).where('source', '=', '835').execute();
    expect(history835).toEqual([{ status: 'paid' }]);
    let ledger = await d.call('GET', `/v1/exams/${e.examId}/ledger`, 'biller');
    for (let k = 0; k < 300 && (ledger.body.totals as { paymentsCents: number }).paymentsCents === 0; k += 1) {
      await new Promise((r) => setTimeout(r, 50));
      ledger = await d.call('GET', `/v1/exams/${e.examId}/ledger`, 'biller');
    }
    // posted once, whatever the number of deliveries
    expect(ledger.body.totals).toMatchObject({ paymentsCents: claim.paid_cents, balanced: true });
  }
  // the second claim's exam heard of the payment twice (the record of the first delivery was lost) and took it once
  expect((await signalsOf(exams[1]!.examId)).filter((n) => n === 'remittanceReceived')).toHaveLength(2);
  expect((await signalsOf(exams[0]!.examId)).filter((n) => n === 'remittanceReceived')).toHaveLength(1);

  // the same file again: the same file, nothing delivered again
  const again = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: file });
  expect(again.json()).toMatchObject({ duplicate: true, fileId, status: 'delivered' });
  expect((await signalsOf(exams[0]!.examId)).filter((n) => n === 'remittanceReceived')).toHaveLength(1);
});

type FileView = { status: string; claims: { claimReference: string; examId: string | null; outcome: string | null }[] };

async function fileStatus(fileId: string): Promise<FileView> {
  const type = (await h.database.db.selectFrom('ingestion_files').select('transaction_type').where('file_id', '=', fileId).executeTakeFirstOrThrow()).transaction_type;
  const res = await h.app.inject({ method: 'GET', url: `/v1/${type === '835' ? 'remittances' : 'acknowledgments'}/${fileId}`, headers: bearer(h.tokens.biller) });
  expect(res.statusCode).toBe(200);
  return res.json<FileView>();
}

async function deliveredFile(fileId: string): Promise<FileView> {
  for (let i = 0; i < 600; i += 1) {
    const file = await fileStatus(fileId);
    if (file.status === 'delivered') return file;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

/** The sandbox payer's answer files (277CA and 835) to the claim as it was sent, as a paying member's. */
async function answers(claimId: string): Promise<{ ack: string; remit: string }> {
  const x12 = (await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) })).body;
  const files = respondToClaimFile(x12.replace('NORESP01', 'PAYLATE1'), bundledRefData(), { date: '2027-01-16', time: '1000' });
  return { ack: files.find((f) => f.transactionType === '277CA')!.x12, remit: files.find((f) => f.transactionType === '835')!.x12 };
}

const startIngestionOf = (fileId: string) => startIngestion({ temporal: h.env.client, taskQueue: h.config.temporal.taskQueue, limits: ingestionLimits() }, fileId);

test('a file stored but never handed to its workflow (the API died in between) is started by the watchdog once it has waited a minute, and delivered', async () => {
  const { examId, claimId } = await examAwaitingPayment();
  const { remit } = await answers(claimId);
  // stored as the API stores it, and then nothing: the process died before starting the ingestion workflow
  const received = await receiveInboundFile(h.database.db, { raw: remit, source: 'api' }, ingestionLimits());
  if (!received.ok) throw new Error('the 835 was refused');
  expect(await fileStatus(received.fileId)).toMatchObject({ status: 'received', claims: [{ claimReference: claimId, outcome: null }] });
  // The watchdog leaves a file alone during its first minute (its start may still be on the way) ...
  expect(await startReceivedIngestions({ db: h.database.db, temporal: h.env.client, taskQueue: h.config.temporal.taskQueue, limits: ingestionLimits() })).toMatchObject({ started: 0 });
  await expect(h.env.client.workflow.getHandle(ingestionWorkflowId(received.fileId)).describe()).rejects.toThrow();

  // ... and starts it once it has waited longer, in the watchdog's scheduled run.
  await h.database.db.updateTable('ingestion_files').set({ received_at: sql<Date>`now() - interval '2 minutes'` }).where('file_id', '=', received.fileId).execute();
  const watchdogRun = `watchdog-test-${received.fileId}`;
  await h.env.client.workflow.start(WATCHDOG_WORKFLOW_TYPE, { workflowId: watchdogRun, taskQueue: h.config.temporal.taskQueue, args: [] });
  const file = await deliveredFile(received.fileId);
  await record(watchdogRun, WATCHDOG_WORKFLOW_TYPE, 'watchdog-starts-received-file');
  await record(ingestionWorkflowId(received.fileId), 'ingestionWorkflow', 'ingestion-started-by-watchdog');
  expect(file.claims).toEqual([expect.objectContaining({ claimReference: claimId, examId, outcome: 'signaled' })]);
  const paid = await d.waitFor(examId, (x) => x.claims[0]?.status === 'paid', 'claim paid');
  expect(['patient_balance', 'closed']).toContain(paid.phase);
  expect((await signalsOf(examId)).filter((n) => n === 'remittanceReceived')).toHaveLength(1);
  // the same file sent again now is the delivered file
  const again = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: remit });
  expect(again.json()).toMatchObject({ duplicate: true, fileId: received.fileId, status: 'delivered' });
});

test("files for one exam reach it in the order they were received, whichever file's workflow runs first", async () => {
  const { examId, claimId } = await examAwaitingPayment();
  const { ack, remit } = await answers(claimId);
  const limits = ingestionLimits();
  const first = await receiveInboundFile(h.database.db, { raw: ack, source: 'inbox', fileName: '277CA-late.x12' }, limits);
  const second = await receiveInboundFile(h.database.db, { raw: remit, source: 'inbox', fileName: '835-late.x12' }, limits);
  if (!first.ok || !second.ok) throw new Error('a file was refused');
  const signalsBefore = await signalsOf(examId);

  // The later file's workflow starts first and reaches its delivery: its claim waits for the earlier file, on a
  // timer (the workflow task ends, holding none of the worker's slots while it waits).
  await startIngestionOf(second.fileId);
  const secondRun = h.env.client.workflow.getHandle(ingestionWorkflowId(second.fileId));
  let waitedOnTimer = false;
  for (let i = 0; i < 600 && !waitedOnTimer; i += 1) {
    const history = await secondRun.fetchHistory();
    waitedOnTimer = (history.events ?? []).some((e) => e.timerStartedEventAttributes);
    if (!waitedOnTimer) await new Promise((r) => setTimeout(r, 50));
  }
  expect(waitedOnTimer).toBe(true);
  await startIngestionOf(first.fileId);

  expect((await deliveredFile(first.fileId)).claims).toEqual([expect.objectContaining({ claimReference: claimId, examId, outcome: 'signaled' })]);
  expect((await deliveredFile(second.fileId)).claims).toEqual([expect.objectContaining({ claimReference: claimId, examId, outcome: 'signaled' })]);
  // the exam heard of the 277CA before the 835, as they were received
  expect((await signalsOf(examId)).slice(signalsBefore.length)).toEqual(['claimAcknowledged', 'remittanceReceived']);
  const items = await h.database.db.selectFrom('ingestion_items').select(['file_id', 'delivered_at']).where('file_id', 'in', [first.fileId, second.fileId]).execute();
  const at = (fileId: string) => items.find((i) => i.file_id === fileId)!.delivered_at!.getTime();
  expect(at(first.fileId)).toBeLessThanOrEqual(at(second.fileId));
  await d.waitFor(examId, (x) => x.claims[0]?.status === 'paid', 'claim paid');
});
