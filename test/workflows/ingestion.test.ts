import { sql } from 'kysely';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../domain/sandbox-payer';
import { type ClaimPayment835, build835, parse835 } from '../../domain/x12';
import { examWorkflowId } from '../../workflows/names';
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
