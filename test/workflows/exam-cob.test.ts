import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../domain/sandbox-payer';
import { build835, parse835 } from '../../domain/x12';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';
import { startOwnTestServer } from '../support/own-test-server';
import { REPLAY_CONFIG } from '../replay/replay-key';

let h: ApiHarness;
let d: ExamDriver;
let server: Awaited<ReturnType<typeof startOwnTestServer>>;

// A test server of its own: these exams run their timers without moving the clock of other files.
beforeAll(async () => {
  server = await startOwnTestServer();
  const shared = process.env.RCM_TEST_TEMPORAL_ADDRESSES;
  if (server) process.env.RCM_TEST_TEMPORAL_ADDRESSES = server.address;
  try {
    h = await startApiHarness(REPLAY_CONFIG);
  } finally {
    process.env.RCM_TEST_TEMPORAL_ADDRESSES = shared;
  }
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
  server?.stop();
});

interface LedgerJson {
  entries: { claimId: string | null; source: { kind: string; documentId: string }; lines: { account: string; debitCents: number; creditCents: number }[] }[];
  balances: { account: string; claimId: string | null; balanceCents: number }[];
  accounts: { account: string; balanceCents: number }[];
  totals: { chargesCents: number; paymentsCents: number; adjustmentsCents: number; insuranceOpenCents: number; patientOpenCents: number; balanced: boolean };
}

async function ledger(examId: string): Promise<LedgerJson> {
  const res = await d.call('GET', `/v1/exams/${examId}/ledger`, 'biller');
  expect(res.status).toBe(200);
  return res.body as unknown as LedgerJson;
}

/** Charges = payments + adjustments + what is still open, read the way a biller reads the totals. */
function expectBalanced(l: LedgerJson): void {
  const t = l.totals;
  expect(t.balanced).toBe(true);
  expect(t.chargesCents).toBe(t.paymentsCents + t.adjustmentsCents + t.insuranceOpenCents + t.patientOpenCents);
}

/** What one payer paid on the exam (payments debited against its receivable). */
function paidBy(l: LedgerJson, payerId: string): number {
  return l.entries
    .filter((e) => e.source.kind === '835' && e.lines.some((x) => x.account === `insurance_receivable:${payerId}`))
    .reduce((t, e) => t + e.lines.filter((x) => x.account === 'payments').reduce((s, x) => s + x.debitCents - x.creditCents, 0), 0);
}

/** An exam with a primary and a secondary coverage, performed and signed: the claim goes to the primary. */
async function cobExam(primary: { payerId: string; memberId: string }, secondary: { payerId: string; memberId: string }): Promise<string> {
  const scheduledAt = new Date((await d.now()) + 2 * 86_400_000).toISOString();
  const base = sampleIntake();
  const res = await d.call('POST', '/v1/exams', 'integration', sampleIntake({
    coverages: [
      { ...primary, relationship: 'self', order: 'primary' },
      { ...secondary, relationship: 'self', order: 'secondary' },
    ],
    order: { ...base.order, scheduledAt },
  }));
  expect(res.status).toBe(201);
  const examId = res.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId)).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId)).status).toBe(200);
  return examId;
}

test('Medicare primary, commercial secondary: the secondary is billed the primary’s patient share, pays it, and the patient owes only the rest', async () => {
  const examId = await cobExam({ payerId: 'medicare-b', memberId: '1EG4TE5MK73' }, { payerId: 'commercial-a', memberId: 'COMA-55501' });
  const billed = await d.waitPhase(examId, 'patient_balance');
  const [primary, secondary] = billed.claims;
  expect(primary).toMatchObject({ status: 'paid', patientResponsibilityCents: 0 });
  expect(secondary).toMatchObject({ claimId: `${primary!.claimId}-S`, status: 'paid' });
  expect(billed.openTasks).toEqual([]);

  // the secondary 837P went out once, to the secondary payer
  const sent = await h.database.db.selectFrom('claim_submissions').select(['claim_id', 'version']).where('exam_id', '=', examId).execute();
  expect(sent.map((s) => s.claim_id).sort()).toEqual([primary!.claimId, secondary!.claimId].sort());
  const claim = await d.call('GET', `/v1/claims/${secondary!.claimId}`, 'biller');
  expect(claim.status).toBe(200);
  expect(claim.body).toMatchObject({ payerId: 'commercial-a' });

  const l = await ledger(examId);
  expectBalanced(l);
  const medicarePaid = paidBy(l, 'medicare-b');
  const commercialPaid = paidBy(l, 'commercial-a');
  expect(medicarePaid).toBeGreaterThan(0);
  expect(commercialPaid).toBeGreaterThan(0);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: billed.balances.patientCents });
  // commercial-a keeps 20 % of the share Medicare left (Medicare 20 % coinsurance of the allowed amount)
  expect(billed.balances.patientCents).toBe(Math.floor(((commercialPaid + billed.balances.patientCents!) * 2000 + 5000) / 10000));

  expect((await d.pay(examId, billed.balances.patientCents!, 'CARD-COB-1')).status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const closed = await ledger(examId);
  expectBalanced(closed);
  expect(closed.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: 0 });
  expect(closed.totals.paymentsCents).toBe(medicarePaid + commercialPaid + billed.balances.patientCents!);
  await d.record(examId, 'cob-secondary-billed');
});

test('a secondary claim the secondary payer never answers is followed up on that payer’s schedule (Medicaid: 45 days), not the primary’s', async () => {
  const examId = await cobExam({ payerId: 'medicare-b', memberId: '1EG4TE5MK73' }, { payerId: 'medicaid', memberId: 'NORESP-MCD1' });
  const waiting = await d.waitFor(examId, (e) => e.claims.some((c) => c.claimId.endsWith('-S') && c.status === 'accepted'), 'the secondary claim accepted');
  const secondaryId = waiting.claims.find((c) => c.claimId.endsWith('-S'))!.claimId;
  expect(waiting.phase).toBe('adjudication');
  expect(waiting.balances.patientCents).toBe(0);
  const inquiry = (await d.exam(examId)).nextTimers.find((t) => t.kind === 'status-inquiry');
  const now = await d.now();
  // Medicare's follow-up would come after 30 days; Medicaid's policy says 45
  expect(Math.round((Date.parse(inquiry!.dueAt) - now) / 86_400_000)).toBe(45);
  await d.sleep('31 days');
  expect((await d.exam(examId)).openTasks.filter((t) => t.type === 'claim-follow-up')).toEqual([]);
  await d.sleep('15 days');
  const followUp = await d.openTask(examId, 'claim-follow-up');
  expect(followUp).toMatchObject({ claimId: secondaryId, context: expect.objectContaining({ reason: 'no-remittance' }) });
});

test('crossover: Medicare forwards the claim to Medicaid itself; no secondary claim is sent, Medicaid’s 835 posts and the exam closes', async () => {
  const examId = await cobExam({ payerId: 'medicare-b', memberId: 'XOVER-1EG4TE5MK73' }, { payerId: 'medicaid', memberId: 'MCD-778812' });
  const closed = await d.waitPhase(examId, 'closed');
  const [primary, secondary] = closed.claims;
  expect(secondary).toMatchObject({ claimId: `${primary!.claimId}-S`, status: 'paid' });
  expect(closed.openTasks).toEqual([]);
  const sent = await h.database.db.selectFrom('claim_submissions').select(['claim_id']).where('exam_id', '=', examId).execute();
  expect(sent.map((s) => s.claim_id)).toEqual([primary!.claimId]);

  const l = await ledger(examId);
  expectBalanced(l);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: 0 });
  expect(paidBy(l, 'medicaid')).toBeGreaterThan(0);
  expect(paidBy(l, 'medicare-b') + paidBy(l, 'medicaid') + l.totals.adjustmentsCents).toBe(l.totals.chargesCents);
  const unmatched = await d.call('GET', `/v1/tasks?examId=${examId}&type=remittance-unmatched&status=all`, 'biller');
  expect(unmatched.body.tasks).toEqual([]);
  await d.record(examId, 'cob-crossover');
});

test('PARTIAL: the bundled line is denial work, not a paid claim; written off on approval, the exam closes with nothing owed by the payer', async () => {
  const examId = await d.intake({ memberId: 'PARTIAL-31' });
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: [{ cpt: '72148', units: 1 }, { cpt: '72141', units: 1 }] })).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  const appeal = await d.waitPhase(examId, 'appeal');
  expect(appeal.claims[0]).toMatchObject({ status: 'denied' });
  const open = await ledger(examId);
  expectBalanced(open);
  expect(open.totals.insuranceOpenCents).toBeGreaterThan(0);

  const work = await d.openTask(examId, 'denial-work');
  expect(work.context).toMatchObject({ scope: 'lines', carc: '97', category: 'bundling', recommendedAction: 'corrected-claim', deniedCents: open.totals.insuranceOpenCents });
  expect((await d.resolve(work.taskId, 'biller', { action: 'write-off-request', reason: 'denial' })).status).toBe(200);
  const approval = await d.openTask(examId, 'write-off-approval');
  expect((await d.resolve(approval.taskId, 'supervisor', { action: 'approve' })).status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect((await d.pay(examId, billed.balances.patientCents!, 'CARD-PARTIAL-1')).status).toBe(200);
  await d.waitPhase(examId, 'closed');
  const l = await ledger(examId);
  expectBalanced(l);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: 0 });
  expect(l.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'write_off:denial', balanceCents: open.totals.insuranceOpenCents })]));
  await d.record(examId, 'partial-line-denial');
});

test('PARTIAL: a corrected claim for the bundled line is paid; the payer reverses its partial payment and the ledger follows', async () => {
  const examId = await d.intake({ memberId: 'PARTIAL-32' });
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: [{ cpt: '72148', units: 1 }, { cpt: '72141', units: 1 }] })).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  await d.waitPhase(examId, 'appeal');
  const work = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim', note: 'distinct levels, documented' })).status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.claims[0]).toMatchObject({ version: 2, status: 'paid' });
  expect(billed.openTasks).toEqual([]);
  const l = await ledger(examId);
  expectBalanced(l);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: billed.balances.patientCents });
  expect(l.entries.map((e) => e.source.kind)).toContain('reversal');
  // every line is paid once: what the payer paid equals the allowed amounts less the patient's share
  expect(l.totals.paymentsCents + l.totals.adjustmentsCents + billed.balances.patientCents!).toBe(l.totals.chargesCents);
  await d.record(examId, 'partial-corrected-claim');
});

/** The payer's 835 for a claim as it was sent (NORESP stands in for a paying member), changed by `edit`, under its own trace number. */
async function remittanceFor(
  claimId: string,
  trace: string,
  edit: (clp: { chargeCents: number; paidCents: number; lines: { chargeCents: number; paidCents: number; adjustments: { group: string; reason: string; amountCents: number }[] }[] }) => number,
): Promise<string> {
  const sent = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
  expect(sent.statusCode).toBe(200);
  const raw = sent.body;
  const files = respondToClaimFile(raw.replace(/NORESP-[A-Z0-9]+/, '1EG4TE5MK73'), bundledRefData(), { date: '2027-01-15', time: '0900' });
  const remit = parse835(files.find((f) => f.transactionType === '835')!.x12).transactions[0]!;
  const delta = edit(remit.claims[0] as never);
  remit.payment.amountCents += delta;
  remit.trace = { ...remit.trace, number: trace };
  return build835(answerEnvelope(undefined, { date: '2027-01-15', time: '0900' }), [remit]);
}

const upload = (x12: string) => h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });

async function unanswered(memberId: string): Promise<{ examId: string; claimId: string }> {
  const examId = await d.intake({ memberId });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  const e = await d.waitPhase(examId, 'adjudication');
  return { examId, claimId: e.claims[0]!.claimId };
}

test('an 835 short of the fee schedule opens an underpayment review that a biller resolves through the API', async () => {
  const { examId, claimId } = await unanswered('NORESP-UNDER1');
  const x12 = await remittanceFor(claimId, 'UNDER0001', (clp) => {
    // the payer allows $15 less than the fee schedule and adjusts it off as contractual
    clp.paidCents -= 1500;
    clp.lines[0]!.paidCents -= 1500;
    clp.lines[0]!.adjustments.find((a) => a.group === 'CO')!.amountCents += 1500;
    return -1500;
  });
  expect((await upload(x12)).statusCode).toBe(201);
  const review = await d.openTask(examId, 'underpayment-review');
  expect(review).toMatchObject({ queue: 'biller', priority: 'normal', context: expect.objectContaining({ shortfallCents: 1500 }) });

  expect((await d.resolve(review.taskId, 'biller', { action: 'accept' })).status).toBe(422);
  expect((await d.resolve(review.taskId, 'front_desk', { action: 'accept', reason: 'contract rate' })).status).toBe(403);
  const resolved = await d.resolve(review.taskId, 'biller', { action: 'accept', reason: 'contract rate confirmed with the payer' });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ task: { status: 'resolved', resolutionAction: 'accept' } });
  expect((await d.resolve(review.taskId, 'biller', { action: 'accept', reason: 'again' })).status).toBe(409);
  const l = await ledger(examId);
  expectBalanced(l);
  expect(l.totals.insuranceOpenCents).toBe(0);
  await d.record(examId, 'underpayment-review');
});

test('an 835 that pays more than the payer owed opens the refund of its credit; refunded, the payer’s receivable is back to zero', async () => {
  const { examId, claimId } = await unanswered('NORESP-OVER1');
  const x12 = await remittanceFor(claimId, 'OVER0001', (clp) => {
    // the payer adjudicates $25 more than was billed and pays it: more than it owed on the claim
    clp.chargeCents += 2500;
    clp.lines[0]!.chargeCents += 2500;
    clp.paidCents += 2500;
    clp.lines[0]!.paidCents += 2500;
    return 2500;
  });
  expect((await upload(x12)).statusCode).toBe(201);
  const refund = await d.openTask(examId, 'credit-balance-refund');
  expect(refund).toMatchObject({ claimId, context: expect.objectContaining({ reason: 'payer-overpaid', payerId: 'medicare-b', creditCents: 2500 }) });
  const inCredit = await ledger(examId);
  expectBalanced(inCredit);
  expect(inCredit.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'insurance_receivable:medicare-b', balanceCents: -2500 })]));

  expect((await d.resolve(refund.taskId, 'biller', { action: 'refunded', reference: 'REFUND-CHK-1', amountCents: 2500 })).status).toBe(200);
  const billed = await d.waitFor(examId, (e) => !e.openTasks.some((t) => t.type === 'credit-balance-refund'), 'refund resolved');
  const l = await ledger(examId);
  expectBalanced(l);
  expect(l.accounts.find((a) => a.account === 'insurance_receivable:medicare-b')?.balanceCents ?? 0).toBe(0);
  expect(l.entries.at(-1)!.source.kind).toBe('refund');
  // the patient still owes their own share, untouched by the payer's refund
  expect(billed.balances.patientCents).toBe(l.totals.patientOpenCents);
  await d.record(examId, 'payer-credit-refund');
});
