import { parse835 } from '../../domain/x12';
import { toClaimAdjudication } from '../../activities/ingestion/to-claim-adjudication';
import { examWorkflowId } from '../../workflows/names';
import { type ClaimRemittance, remittanceReceivedSignal } from '../../workflows/exam/payer-events';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

interface LedgerJson {
  examId: string;
  entries: { entryId: string; claimId: string | null; source: { kind: string; documentId: string; reference: string | null }; lines: { account: string; debitCents: number; creditCents: number }[] }[];
  balances: { account: string; claimId: string | null; balanceCents: number }[];
  accounts: { account: string; balanceCents: number }[];
  totals: { chargesCents: number; paymentsCents: number; adjustmentsCents: number; insuranceOpenCents: number; patientOpenCents: number; unappliedCashCents: number; balanced: boolean };
}

async function ledger(examId: string): Promise<LedgerJson> {
  const res = await d.call('GET', `/v1/exams/${examId}/ledger`, 'biller');
  expect(res.status).toBe(200);
  return res.body as unknown as LedgerJson;
}

/**
 * The ledger once it holds `count` 835 postings: a posting lands just after the exam's step it belongs to (the
 * phase can move first), so a biller reads the ledger once the entry is there. Fails when it never comes.
 */
async function ledgerWith835s(examId: string, count: number): Promise<LedgerJson> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const l = await ledger(examId);
    if (l.entries.filter((e) => e.source.kind === '835').length >= count) return l;
    if (Date.now() > deadline) throw new Error(`the ledger never showed ${count} 835 posting(s): ${JSON.stringify(l.totals)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The ledger rule, read the way a biller reads the totals. */
function expectBalanced(l: LedgerJson): void {
  const t = l.totals;
  expect(t.balanced).toBe(true);
  expect(t.chargesCents).toBe(t.paymentsCents + t.adjustmentsCents + t.insuranceOpenCents + t.patientOpenCents);
}

async function billed(examId: string, procedures?: { cpt: string; units: number }[]): Promise<void> {
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, procedures ? { procedures } : {})).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId)).status).toBe(200);
}

/** The 835 the sandbox payer sent for a claim, as the inbound path delivered it to the exam. */
async function storedRemittance(claimId: string): Promise<ClaimRemittance> {
  const { db } = h.database;
  const row = await db
    .selectFrom('claim_status_history')
    .innerJoin('remittances', 'remittances.document_id', 'claim_status_history.document_id')
    .innerJoin('x12_documents', 'x12_documents.id', 'remittances.document_id')
    .select(['remittances.payer_id', 'remittances.trace_number', 'remittances.document_id', 'x12_documents.raw'])
    .where('claim_status_history.claim_id', '=', claimId)
    .where('claim_status_history.source', '=', '835')
    .executeTakeFirstOrThrow();
  const remit = parse835(row.raw).transactions[0]!;
  const clp = remit.claims.find((c) => c.claimId === claimId)!;
  return {
    remittance: { payerId: row.payer_id, traceNumber: row.trace_number, documentId: row.document_id, paymentDate: remit.payment.date },
    claimVersion: 1,
    adjudication: toClaimAdjudication(clp, remit),
    receivedAt: new Date().toISOString(),
  };
}

test('paid with a patient share: charges, the 835 and the patient payment balance; a replayed 835 changes nothing', async () => {
  const examId = await d.intake();
  await billed(examId);
  const billing = await d.waitPhase(examId, 'patient_balance');
  const owed = billing.balances.patientCents!;
  expect(owed).toBeGreaterThan(0);
  const claimId = billing.claims[0]!.claimId;

  const before = await ledgerWith835s(examId, 1);
  expectBalanced(before);
  expect(before.entries.map((e) => e.source.kind)).toEqual(['charge', '835']);
  expect(before.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: owed });
  expect(before.totals.paymentsCents).toBeGreaterThan(0);
  expect(before.totals.adjustmentsCents).toBeGreaterThan(0);
  const era = before.entries[1]!;
  expect(era).toMatchObject({ claimId, source: { kind: '835' } });
  expect(era.lines).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'contractual_adjustment' }), expect.objectContaining({ account: 'patient_receivable', debitCents: owed })]));
  expect(before.balances).toEqual(expect.arrayContaining([{ account: 'insurance_receivable:medicare-b', accountClass: 'insurance-receivable', payerId: 'medicare-b', claimId, balanceCents: 0 }]));

  // The same 835 again, through the API and straight to the running exam: nothing is posted twice.
  const raw = (await h.database.db.selectFrom('x12_documents').select('raw').where('id', '=', era.source.documentId).executeTakeFirstOrThrow()).raw;
  const again = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: raw });
  expect(again.json()).toMatchObject({ duplicate: true });
  await h.env.client.workflow.getHandle(examWorkflowId(examId)).signal(remittanceReceivedSignal, await storedRemittance(claimId));

  // A payment update is handled after the signal: once it answers, the replayed 835 has been seen.
  const first = Math.floor(owed / 2);
  const paid = await d.pay(examId, first, 'CARD-LEDGER-1');
  expect(paid.status).toBe(200);
  // The same request again (a client retry) returns the first answer and posts nothing more (entries below).
  expect((await d.pay(examId, first, 'CARD-LEDGER-1')).body).toEqual(paid.body);
  // The update answers once the payment is applied; its posting drains in the exam's own time.
  await d.waitFor(examId, (e) => e.balances.patientCents === owed - first, 'payment applied');
  expect((await ledger(examId)).totals.patientOpenCents).toBe(owed - first);
  const closing = await d.pay(examId, owed - first, 'CARD-LEDGER-2');
  expect(closing.status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const after = await ledger(examId);
  expectBalanced(after);
  expect(after.entries.map((e) => e.source.kind)).toEqual(['charge', '835', 'patient-payment', 'patient-payment']);
  expect(after.entries.map((e) => e.source.reference)).toEqual([expect.anything(), expect.anything(), 'CARD-LEDGER-1', 'CARD-LEDGER-2']);
  expect(after.totals).toMatchObject({ chargesCents: before.totals.chargesCents, insuranceOpenCents: 0, patientOpenCents: 0, unappliedCashCents: 0 });
  expect(after.totals.paymentsCents).toBe(before.totals.paymentsCents + owed);

  // The exam is closed: the same payment again (a client retry) answers as the first did and posts nothing;
  // its reference with another amount, or a new payment, is refused.
  const retried = await d.pay(examId, owed - first, 'CARD-LEDGER-2');
  expect(retried.status).toBe(200);
  expect(retried.body).toEqual(closing.body);
  expect(retried.body).toMatchObject({ exam: { phase: 'closed' } });
  expect((await d.pay(examId, owed - first + 1, 'CARD-LEDGER-2')).body).toMatchObject({ error: { code: 'conflict' } });
  expect((await d.pay(examId, 100, 'CARD-LEDGER-3')).body).toMatchObject({ error: { code: 'exam_not_open' } });
  expect((await ledger(examId)).entries).toHaveLength(4);
  await d.record(examId, 'ledger-paid-patient-share');
});

test('PARTIAL: the bundled line stays open with the payer while the paid line and the patient share post', async () => {
  const examId = await d.intake({ memberId: 'PARTIAL-7' });
  await billed(examId, [{ cpt: '72148', units: 1 }, { cpt: '72141', units: 1 }]);
  await d.waitFor(examId, (e) => e.claims.some((c) => c.status === 'paid' || c.status === 'denied'), 'the 835 taken');
  const l = await ledgerWith835s(examId, 1);
  expectBalanced(l);
  const era = l.entries.find((e) => e.source.kind === '835')!;
  const paid = era.lines.filter((x) => x.account === 'payments').reduce((t, x) => t + x.debitCents, 0);
  expect(paid).toBeGreaterThan(0);
  // the denied (CO-97) line is still owed by the payer: it is worked, not silently adjusted away
  expect(l.totals.insuranceOpenCents).toBeGreaterThan(0);
  expect(l.totals.insuranceOpenCents).toBeLessThan(l.totals.chargesCents);
});

test('DENY: the denial leaves the whole charge in insurance A/R; after the appeal is paid it moves to payments, adjustments and the patient', async () => {
  const examId = await d.intake({ memberId: 'DENY50-8' });
  await billed(examId);
  await d.waitPhase(examId, 'appeal');
  const denied = await ledgerWith835s(examId, 1);
  expectBalanced(denied);
  expect(denied.entries.map((e) => e.source.kind)).toEqual(['charge', '835']);
  expect(denied.totals).toMatchObject({ paymentsCents: 0, adjustmentsCents: 0, patientOpenCents: 0, insuranceOpenCents: denied.totals.chargesCents });

  const task = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  const paid = await d.waitPhase(examId, 'patient_balance');
  const letters = await h.database.db.selectFrom('documents').select(['kind', 'claim_id', 'bytes']).where('exam_id', '=', examId).where('kind', '=', 'appeal-letter').execute();
  expect(letters).toHaveLength(1);
  expect(letters[0]!.claim_id).toBe(paid.claims[0]!.claimId);
  expect(letters[0]!.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // the appeal's payment is the second 835 posted
  const after = await ledgerWith835s(examId, 2);
  expectBalanced(after);
  expect(after.totals).toMatchObject({ chargesCents: denied.totals.chargesCents, insuranceOpenCents: 0, patientOpenCents: paid.balances.patientCents });
  expect(after.totals.paymentsCents).toBeGreaterThan(0);

  // The patient pays all but a dollar: the rest is written off as a small balance and the exam closes.
  expect((await d.pay(examId, paid.balances.patientCents! - 100, 'CHK-DENY-1')).status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const closed = await ledger(examId);
  expectBalanced(closed);
  expect(closed.entries.map((e) => e.source.kind).slice(-2)).toEqual(['patient-payment', 'write-off']);
  expect(closed.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'write_off:small-balance', balanceCents: 100 })]));
  expect(closed.totals.patientOpenCents).toBe(0);
  await d.record(examId, 'ledger-deny-appeal-small-balance');
});

test('self-pay: the charge goes to the patient, the statement PDF is stored, an overpayment is refunded', async () => {
  const examId = await d.intake({ payerId: 'self-pay', memberId: 'SELF-1' });
  await billed(examId);
  const billing = await d.waitPhase(examId, 'patient_balance');
  const owed = billing.balances.patientCents!;
  expect(owed).toBeGreaterThan(0);
  const charged = await ledger(examId);
  expectBalanced(charged);
  expect(charged.entries.map((e) => e.source.kind)).toEqual(['charge']);
  expect(charged.entries[0]!.claimId).toBeNull();
  expect(charged.totals).toMatchObject({ chargesCents: owed, patientOpenCents: owed, insuranceOpenCents: 0 });

  // The statement, as the patient would receive it: listed for the exam and served as the PDF.
  const listed = await d.call('GET', `/v1/exams/${examId}/documents`, 'front_desk');
  expect(listed.status).toBe(200);
  const statements = listed.body.documents as { kind: string; contentType: string; sizeBytes: number; href: string; documentId: string }[];
  expect(statements).toEqual([expect.objectContaining({ kind: 'statement', contentType: 'application/pdf' })]);
  const pdf = await h.app.inject({ method: 'GET', url: statements[0]!.href, headers: bearer(h.tokens.biller) });
  expect(pdf.statusCode).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.rawPayload.length).toBe(statements[0]!.sizeBytes);
  expect((await h.app.inject({ method: 'GET', url: statements[0]!.href, headers: bearer(h.tokens.coder) })).statusCode).toBe(403);
  const other = await d.intake();
  expect((await h.app.inject({ method: 'GET', url: `/v1/exams/${other}/documents/${statements[0]!.documentId}`, headers: bearer(h.tokens.biller) })).statusCode).toBe(404);

  expect((await d.pay(examId, owed + 2_500, 'CASH-SP-1')).status).toBe(200);
  const task = await d.openTask(examId, 'credit-balance-refund');
  await d.waitFor(examId, (e) => e.balances.patientCents === -2_500, 'overpayment applied');
  const overpaid = await ledger(examId);
  expectBalanced(overpaid);
  expect(overpaid.totals).toMatchObject({ patientOpenCents: 0, unappliedCashCents: 2_500 });
  expect((await d.resolve(task.taskId, 'biller', { action: 'refunded', reference: 'REFUND-CHK-1', amountCents: 2_500 })).status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const refunded = await ledger(examId);
  expectBalanced(refunded);
  expect(refunded.entries.map((e) => e.source.kind)).toEqual(['charge', 'patient-payment', 'refund', 'refund']);
  expect(refunded.totals).toMatchObject({ chargesCents: owed, paymentsCents: owed, patientOpenCents: 0, unappliedCashCents: 0 });
  expect(refunded.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'payments', balanceCents: owed })]));
});

test('GET /v1/exams/{id}/ledger: 404 for an unknown exam, 403 for roles without ledger access', async () => {
  expect((await d.call('GET', '/v1/exams/ex_00000000000000000000/ledger', 'biller')).status).toBe(404);
  expect((await d.call('GET', '/v1/exams/not-an-exam/ledger', 'supervisor')).status).toBe(404);
  const examId = await d.intake();
  expect((await d.call('GET', `/v1/exams/${examId}/ledger`, 'front_desk')).status).toBe(403);
  const empty = await d.call('GET', `/v1/exams/${examId}/ledger`, 'supervisor');
  expect(empty.status).toBe(200);
  expect(empty.body).toMatchObject({ examId, entries: [], totals: { chargesCents: 0, balanced: true } });
});
