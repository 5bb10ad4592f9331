import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../domain/sandbox-payer';
import { build835, hasErrors, parse835, validate837PFile } from '../../domain/x12';
import { type ApiHarness, bearer } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';
import { REPLAY_CONFIG } from '../replay/replay-key';

let h: ApiHarness;
let d: ExamDriver;
// A test server of its own: these exams run their timers without moving the clock of other files.
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => h?.close());

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

/**
 * The exam's ledger once the entry a biller is looking for is there (`ready`): a posting lands just after the
 * exam's step it belongs to, so the phase can move before it. Fails when the entry never comes.
 */
async function ledgerWhen(examId: string, ready: (l: LedgerJson) => boolean, what = 'the posting'): Promise<LedgerJson> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const l = await ledger(examId);
    if (ready(l)) return l;
    if (Date.now() > deadline) throw new Error(`the ledger never showed ${what}: ${JSON.stringify(l.totals)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const hasEntry = (kind: string) => (l: LedgerJson) => l.entries.some((e) => e.source.kind === kind);

/** The exact X12 sent for a claim (its latest version). */
async function x12Of(claimId: string): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
  expect(res.statusCode).toBe(200);
  return res.body;
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

  // the primary 837P names the secondary coverage (2320 SBR*S, 2330B the commercial payer) and is valid as sent
  const primaryX12 = await x12Of(primary!.claimId);
  expect(primaryX12).toMatch(/SBR\*S\*18\*/);
  expect(primaryX12).toMatch(/NM1\*PR\*2\*[^~]*\*PI\*SBXCOMA~/);
  expect(primaryX12).toContain('*COMA-55501~');
  expect(hasErrors(validate837PFile(primaryX12))).toBe(false);
  // the secondary 837P is the one the secondary payer got, carrying Medicare as the prior payer
  const secondaryX12 = await x12Of(secondary!.claimId);
  expect(secondaryX12).toContain(`CLM*${secondary!.claimId}*`);
  expect(secondaryX12).toMatch(/SBR\*P\*18\*/);
  expect(secondaryX12).toMatch(/NM1\*PR\*2\*[^~]*\*PI\*06102~/);
  expect(hasErrors(validate837PFile(secondaryX12))).toBe(false);
  // the supervisor's timeline lists both claims among the documents sent
  const timeline = await d.call('GET', `/v1/exams/${examId}/history`, 'supervisor');
  expect(timeline.status).toBe(200);
  const sentDocs = (timeline.body.timeline as { kind: string; summary: string; ref?: { claimId?: string; payerId?: string } }[]).filter((e) => e.kind === 'document-sent');
  expect(sentDocs).toEqual(expect.arrayContaining([
    expect.objectContaining({ summary: expect.stringMatching(/^claim \(837\)/), ref: expect.objectContaining({ claimId: primary!.claimId }) }),
    expect.objectContaining({ summary: expect.stringMatching(/^secondary claim \(837/), ref: expect.objectContaining({ claimId: secondary!.claimId, payerId: 'commercial-a' }) }),
  ]));

  // the secondary's payment is posted just after the exam moved to patient_balance
  const l = await ledgerWhen(examId, (x) => paidBy(x, 'commercial-a') > 0, 'the secondary payment');
  expectBalanced(l);
  const medicarePaid = paidBy(l, 'medicare-b');
  const commercialPaid = paidBy(l, 'commercial-a');
  // each payer's payment is on its own claim
  expect((await d.call('GET', `/v1/claims/${primary!.claimId}`, 'biller')).body).toMatchObject({ payerId: 'medicare-b', status: 'paid', paidCents: medicarePaid });
  expect(claim.body).toMatchObject({ status: 'paid', paidCents: commercialPaid });
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

  // Medicaid's payment is posted just after the exam closed on it
  const l = await ledgerWhen(examId, (x) => paidBy(x, 'medicaid') > 0, "Medicaid's payment");
  expectBalanced(l);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: 0 });
  expect(paidBy(l, 'medicaid')).toBeGreaterThan(0);
  expect(paidBy(l, 'medicare-b') + paidBy(l, 'medicaid') + l.totals.adjustmentsCents).toBe(l.totals.chargesCents);
  // Medicaid answered under Medicare's claim id: its payment is on the secondary claim, Medicare's stays on the primary
  const primaryRow = await d.call('GET', `/v1/claims/${primary!.claimId}`, 'biller');
  expect(primaryRow.body).toMatchObject({ payerId: 'medicare-b', paidCents: paidBy(l, 'medicare-b') });
  expect((primaryRow.body.history as { source: string }[]).filter((x) => x.source === '835')).toHaveLength(1);
  const secondaryRow = await d.call('GET', `/v1/claims/${secondary!.claimId}`, 'biller');
  expect(secondaryRow.status).toBe(200);
  expect(secondaryRow.body).toMatchObject({ payerId: 'medicaid', status: 'paid', paidCents: paidBy(l, 'medicaid'), submissions: [] });
  // no 837 of ours went to Medicaid: the primary's 837P named it as the next payer, the primary forwarded it
  expect(await x12Of(primary!.claimId)).toMatch(/NM1\*PR\*2\*[^~]*\*PI\*SBXMCD1~/);
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
  const open = await ledgerWhen(examId, hasEntry('835'), "the 835's posting");
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
  // a payer that takes replacement claims (Medicare Part B takes a reopening request instead)
  const examId = await d.intake({ payerId: 'commercial-a', memberId: 'PARTIAL-32', modality: 'DX', cpt: '72100' });
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: [{ cpt: '72100', units: 1 }, { cpt: '72040', units: 1 }] })).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  await d.waitPhase(examId, 'appeal');
  const work = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim', note: 'distinct levels, documented' })).status).toBe(200);
  // the corrected claim goes back to coding: the coder marks the second view distinct (XS)
  const coding = await d.openTask(examId, 'coding-review');
  expect((await d.resolve(coding.taskId, 'coder', {
    action: 'correct',
    lines: [{ cpt: '72100', units: 1, modifiers: [], diagnosisPointers: [1] }, { cpt: '72040', units: 1, modifiers: ['XS'], diagnosisPointers: [1] }],
    diagnoses: ['M54.16'],
  })).status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.claims[0]).toMatchObject({ version: 2, status: 'paid' });
  expect(billed.openTasks).toEqual([]);
  // the claim row shows the corrected payment, and its history the reversal before it, from the same 835
  const row = await d.call('GET', `/v1/claims/${billed.claims[0]!.claimId}`, 'biller');
  const fromRemits = (row.body.history as { status: string; source: string; documentId: string }[]).filter((x) => x.source === '835');
  expect(fromRemits.slice(-2).map((x) => x.status)).toEqual(['reversed', 'paid']);
  expect(fromRemits.at(-1)!.documentId).toBe(fromRemits.at(-2)!.documentId);
  // that 835 is posted to the ledger just after the exam moved on: the biller reads the ledger once it is there
  const corrected = fromRemits.at(-1)!.documentId;
  const l = await ledgerWhen(examId, (x) => x.entries.some((e) => e.source.kind === '835' && e.source.documentId === corrected), 'the corrected 835');
  expectBalanced(l);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: billed.balances.patientCents });
  expect(l.entries.map((e) => e.source.kind)).toContain('reversal');
  expect(row.body).toMatchObject({ version: 2, status: 'paid', paidCents: l.totals.paymentsCents });
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

type FileStatus = { status: string; claims: { claimId: string | null; outcome: string | null }[] };

/** Uploads an 835 and reads its status URL until the file is delivered (what an integration does after the 202). */
async function upload(x12: string): Promise<{ statusCode: number; file: FileStatus }> {
  const res = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });
  expect([200, 202]).toContain(res.statusCode);
  const { statusUrl } = res.json<{ statusUrl: string }>();
  for (let i = 0; i < 600; i += 1) {
    const file = (await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(h.tokens.biller) })).json<FileStatus>();
    if (file.status === 'delivered') return { statusCode: res.statusCode, file };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

/** A new 835 taken (202) and delivered to the exam of its one claim. */
async function uploadNew(x12: string, claimId: string): Promise<void> {
  const { statusCode, file } = await upload(x12);
  expect(statusCode).toBe(202);
  expect(file.claims).toEqual([expect.objectContaining({ claimId, outcome: 'signaled' })]);
}

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
  await uploadNew(x12, claimId);
  const review = await d.openTask(examId, 'underpayment-review');
  expect(review).toMatchObject({ queue: 'biller', priority: 'normal', context: expect.objectContaining({ shortfallCents: 1500 }) });

  expect((await d.resolve(review.taskId, 'biller', { action: 'accept' })).status).toBe(422);
  expect((await d.resolve(review.taskId, 'front_desk', { action: 'accept', reason: 'contract rate' })).status).toBe(403);
  const resolved = await d.resolve(review.taskId, 'biller', { action: 'accept', reason: 'contract rate confirmed with the payer' });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ task: { status: 'resolved', resolutionAction: 'accept' } });
  expect((await d.resolve(review.taskId, 'biller', { action: 'accept', reason: 'again' })).status).toBe(409);
  // The resolution answers once applied; its write-off posts when the exam has done the work.
  await d.waitFor(examId, (e) => !e.openTasks.some((t) => t.taskId === review.taskId), 'review resolved');
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
  await uploadNew(x12, claimId);
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

/** The payer's reversal of a claim payment it made (CLP02 22, every amount negated), alone in an 835 under its own trace number. */
function reversalOnly(paidX12: string, trace: string): string {
  const remit = parse835(paidX12).transactions[0]!;
  const negate = <T extends { amountCents: number }>(a: T): T => ({ ...a, amountCents: -a.amountCents });
  const clp = remit.claims[0]!;
  remit.claims = [{
    ...clp,
    status: '22',
    chargeCents: -clp.chargeCents,
    paidCents: -clp.paidCents,
    patientResponsibilityCents: -(clp.patientResponsibilityCents ?? 0),
    adjustments: clp.adjustments.map(negate),
    lines: clp.lines.map((l) => ({ ...l, chargeCents: -l.chargeCents, paidCents: -l.paidCents, ...(l.allowedCents !== undefined ? { allowedCents: -l.allowedCents } : {}), adjustments: l.adjustments.map(negate) })),
  }];
  // the payer takes the money back: nothing paid in this file
  remit.payment.amountCents = 0;
  remit.trace = { ...remit.trace, number: trace };
  return build835(answerEnvelope(undefined, { date: '2027-01-20', time: '0900' }), [remit]);
}

test('a reversal alone takes the payment back: the claim is with the payer again, the patient owes nothing meanwhile; the corrected 835 pays it', async () => {
  const { examId, claimId } = await unanswered('NORESP-REV1');
  const paid = await remittanceFor(claimId, 'REVPAY0001', () => 0);
  await uploadNew(paid, claimId);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.balances.patientCents).toBeGreaterThan(0);
  // the payment is posted to the ledger right after the exam moves on
  const medicarePaid = paidBy(await ledgerWhen(examId, (x) => paidBy(x, 'medicare-b') > 0), 'medicare-b');

  await uploadNew(reversalOnly(paid, 'REVBACK0001'), claimId);
  const back = await d.waitFor(examId, (e) => e.claims[0]?.status === 'accepted', 'the claim back with the payer');
  expect(back.phase).toBe('adjudication');
  expect(back.balances.patientCents).toBe(0);
  expect(back.nextTimers).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'status-inquiry', claimId })]));
  expect(back.nextTimers.some((t) => t.kind === 'statement-cycle')).toBe(false);
  const reversed = await ledgerWhen(examId, (x) => x.entries.some((e) => e.source.kind === 'reversal'));
  expectBalanced(reversed);
  expect(reversed.totals).toMatchObject({ paymentsCents: 0, patientOpenCents: 0 });
  expect(reversed.totals.insuranceOpenCents).toBe(reversed.totals.chargesCents - reversed.totals.adjustmentsCents);
  const row = await d.call('GET', `/v1/claims/${claimId}`, 'biller');
  expect(row.body).toMatchObject({ status: 'reversed', paidCents: 0, patientResponsibilityCents: 0 });
  // the same reversal again changes nothing
  expect((await upload(reversalOnly(paid, 'REVBACK0001'))).statusCode).toBe(200);
  expect((await ledger(examId)).entries).toHaveLength(reversed.entries.length);

  const corrected = await remittanceFor(claimId, 'REVCORR0001', () => 0);
  await uploadNew(corrected, claimId);
  const again = await d.waitPhase(examId, 'patient_balance');
  expect(again.claims[0]).toMatchObject({ status: 'paid' });
  expect(again.balances.patientCents).toBe(billed.balances.patientCents);
  const l = await ledgerWhen(examId, (x) => x.totals.paymentsCents > 0);
  expectBalanced(l);
  expect(l.totals).toMatchObject({ paymentsCents: medicarePaid, insuranceOpenCents: 0, patientOpenCents: billed.balances.patientCents });
  expect((await d.call('GET', `/v1/claims/${claimId}`, 'biller')).body).toMatchObject({ status: 'paid', paidCents: medicarePaid });
  await d.record(examId, 'reversal-then-correction');
});

test('an edited secondary payer policy reaches the exams billing it as secondary; the secondary claim is followed up with the secondary payer', async () => {
  const original = await d.call('GET', '/v1/payers/medicaid', 'admin');
  expect(original.status).toBe(200);
  const policy = original.body.policy as { followUp: { firstStatusInquiryDays: number; repeatEveryDays: number } };
  try {
    const examId = await cobExam({ payerId: 'medicare-b', memberId: '1EG4TE5MK73' }, { payerId: 'medicaid', memberId: 'NORESP-MCD2' });
    const waiting = await d.waitFor(examId, (e) => e.claims.some((c) => c.claimId.endsWith('-S') && c.status === 'accepted'), 'the secondary claim accepted');
    const secondaryId = waiting.claims.find((c) => c.claimId.endsWith('-S'))!.claimId;

    const edited = await d.call('PUT', '/v1/payers/medicaid', 'admin', { ...policy, followUp: { ...policy.followUp, firstStatusInquiryDays: 20 } });
    expect(edited.status).toBe(200);
    const now = await d.now();
    const followUpOf = (e: { nextTimers: { kind: string; dueAt: string }[] }) => (e.nextTimers as { kind: string; dueAt: string; claimId: string | null }[]).find((t) => t.kind === 'status-inquiry' && t.claimId === secondaryId);
    const moved = await d.waitFor(examId, (e) => Date.parse(followUpOf(e)?.dueAt ?? '9999-12-31T00:00:00Z') - now < 21 * 86_400_000, 'the follow-up set from the edited policy');
    const inquiry = followUpOf(moved)!;
    expect(Math.round((Date.parse(inquiry.dueAt) - now) / 86_400_000)).toBe(20);

    // the status inquiries about this secondary claim (other exams of this file are followed up meanwhile too)
    const asked = async () => (await h.database.db.selectFrom('x12_documents').select(['payer_id', 'raw']).where('direction', '=', 'outbound').where('transaction_type', '=', '276').execute())
      .filter((x) => x.raw.includes(secondaryId));
    const before = await asked();
    await d.sleep('21 days');
    const followUp = await d.openTask(examId, 'claim-follow-up');
    expect(followUp).toMatchObject({ claimId: secondaryId, context: expect.objectContaining({ reason: 'no-remittance' }) });
    // the 276 went to Medicaid, the payer of the secondary claim, not to Medicare
    const deadline = Date.now() + 20_000;
    let after = await asked();
    while (after.length === before.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await asked();
    }
    expect(after.slice(before.length).map((x) => x.payer_id)).toEqual(['medicaid']);
    await d.record(examId, 'cob-secondary-policy-follow-up');
  } finally {
    await d.call('PUT', '/v1/payers/medicaid', 'admin', policy);
  }
});

test('a secondary claim the secondary payer rejects is billed again as a new version of it, resubmitted by a biller, and paid', async () => {
  const examId = await cobExam({ payerId: 'medicare-b', memberId: '1EG4TE5MK73' }, { payerId: 'commercial-a', memberId: 'REJECT-COMA1' });
  const rejected = await d.openTask(examId, 'claim-rejected');
  const secondaryId = (rejected as unknown as { claimId: string }).claimId;
  expect(secondaryId).toMatch(/-S$/);
  expect(rejected.context).toMatchObject({ acknowledgment: '277CA', version: 1 });

  expect((await d.resolve(rejected.taskId, 'biller', { action: 'resubmit', corrections: ['subscriber id confirmed with the plan'] })).status).toBe(200);
  // the corrected resubmission goes out as version 2 of the secondary claim, and the plan pays it
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.claims.find((c) => c.claimId === secondaryId)).toMatchObject({ version: 2, status: 'paid' });
  const sent = await h.database.db.selectFrom('claim_submissions').select(['version', 'document_id', 'frequency']).where('claim_id', '=', secondaryId).orderBy('version').execute();
  expect(sent.map((x) => [x.version, x.frequency])).toEqual([[1, '1'], [2, '1']]);
  expect(sent[0]!.document_id).not.toBe(sent[1]!.document_id);
  expect(await x12Of(secondaryId)).toMatch(/NM1\*PR\*2\*[^~]*\*PI\*06102~/);
  const row = await d.call('GET', `/v1/claims/${secondaryId}`, 'biller');
  expect(row.body).toMatchObject({ payerId: 'commercial-a', version: 2, status: 'paid' });
  const l = await ledgerWhen(examId, (x) => paidBy(x, 'commercial-a') > 0);
  expectBalanced(l);
  expect(paidBy(l, 'commercial-a')).toBe((row.body as { paidCents: number }).paidCents);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: billed.balances.patientCents });
  await d.record(examId, 'cob-secondary-rejected-resubmitted');
});

test('a secondary claim the secondary payer denies is appealed to the secondary payer, which pays it', async () => {
  const examId = await cobExam({ payerId: 'medicare-b', memberId: '1EG4TE5MK73' }, { payerId: 'commercial-a', memberId: 'DENY50-COMA2' });
  const work = await d.openTask(examId, 'denial-work');
  const secondaryId = (work as unknown as { claimId: string }).claimId;
  expect(secondaryId).toMatch(/-S$/);
  expect(work.context).toMatchObject({ carc: '50' });
  expect((await d.resolve(work.taskId, 'biller', { action: 'appeal', note: 'medical necessity documented in the report' })).status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.claims.find((c) => c.claimId === secondaryId)).toMatchObject({ status: 'paid', appealLevel: 1 });
  // the appeal went to the secondary payer, as its policy takes it: a written appeal letter (no 837 sent)
  const appeal = await d.call('GET', `/v1/claims/${secondaryId}`, 'biller');
  const files = appeal.body.documents as { fileName: string; documentId: string }[];
  expect(files.some((f) => /-appeal1\.x12$/.test(f.fileName))).toBe(false);
  expect(appeal.body.appealRequests).toEqual([expect.objectContaining({ level: 1, payerId: 'commercial-a', vehicle: 'appeal-letter', status: 'filed' })]);
  const l = await ledgerWhen(examId, (x) => paidBy(x, 'commercial-a') > 0);
  expectBalanced(l);
  expect(l.totals).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: billed.balances.patientCents });
  await d.record(examId, 'cob-secondary-appealed');
});

/** The payer's reversal of its payment and its corrected payment of the same claim in one 835: `shiftCents` more left to the patient (PR 2). */
function reversalAndCorrection(paidX12: string, trace: string, shiftCents: number): string {
  const reversal = parse835(reversalOnly(paidX12, `${trace}R`)).transactions[0]!.claims[0]!;
  const remit = parse835(paidX12).transactions[0]!;
  const clp = remit.claims[0]!;
  const line = clp.lines[0]!;
  const pr = line.adjustments.find((a) => a.group === 'PR');
  if (!pr) throw new Error('the paid 835 leaves no patient share');
  const corrected = {
    ...clp,
    paidCents: clp.paidCents - shiftCents,
    patientResponsibilityCents: (clp.patientResponsibilityCents ?? 0) + shiftCents,
    lines: [{ ...line, paidCents: line.paidCents - shiftCents, adjustments: line.adjustments.map((a) => (a === pr ? { ...a, amountCents: a.amountCents + shiftCents } : a)) }, ...clp.lines.slice(1)],
  };
  remit.claims = [reversal, corrected];
  // the payer nets the reversal against the correction
  remit.payment.amountCents = -shiftCents;
  remit.trace = { ...remit.trace, number: trace };
  return build835(answerEnvelope(undefined, { date: '2027-01-20', time: '0900' }), [remit]);
}

test('a primary corrected after the secondary was billed: the secondary’s receivable follows the new patient share, nothing is left with the patient or in credit', async () => {
  // neither payer answers on its own: the primary's 835s are uploaded, the secondary never pays here
  const examId = await cobExam({ payerId: 'medicare-b', memberId: 'NORESP-COBP1' }, { payerId: 'commercial-a', memberId: 'NORESP-COBS1' });
  const submitted = await d.waitPhase(examId, 'adjudication');
  const claimId = submitted.claims[0]!.claimId;
  const paid = await remittanceFor(claimId, 'COBPAY0001', () => 0);
  await uploadNew(paid, claimId);
  const secondaryOpen = (l: LedgerJson) => l.balances.filter((b) => b.account === 'insurance_receivable:commercial-a').reduce((t, b) => t + b.balanceCents, 0);
  const first = await ledgerWhen(examId, (x) => secondaryOpen(x) > 0);
  expectBalanced(first);
  const share = secondaryOpen(first);
  expect(first.totals.patientOpenCents).toBe(0);

  // the primary reverses and pays again, leaving 10.00 more to the patient
  const shift = 1000;
  await uploadNew(reversalAndCorrection(paid, 'COBCORR001', shift), claimId);
  const corrected = await ledgerWhen(examId, (x) => secondaryOpen(x) === share + shift);
  expectBalanced(corrected);
  expect(secondaryOpen(corrected)).toBe(share + shift);
  expect(corrected.totals.patientOpenCents).toBe(0);
  // no payer's receivable in credit on any claim, no receivable in credit on the exam
  expect(corrected.balances.filter((b) => b.account.startsWith('insurance_receivable:') && b.balanceCents < 0)).toEqual([]);
  expect(corrected.accounts.filter((a) => /receivable/.test(a.account) && a.balanceCents < 0)).toEqual([]);
  // the secondary is billed again with the corrected adjudication
  await d.waitFor(examId, (e) => (e.claims.find((c) => c.claimId === `${claimId}-S`)?.version ?? 0) >= 2, 'the secondary billed again');
  // the exam counts the new version when it bills it; its 837 is recorded by the submission just after
  const submitted2 = () => h.database.db.selectFrom('claim_submissions').select(['version']).where('claim_id', '=', `${claimId}-S`).execute();
  let sent = await submitted2();
  for (let i = 0; i < 200 && sent.length < 2; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    sent = await submitted2();
  }
  expect(sent.map((s) => s.version).sort()).toEqual([1, 2]);
  await d.record(examId, 'cob-primary-corrected');
});
