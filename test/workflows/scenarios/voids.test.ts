import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../../domain/sandbox-payer';
import { build835, hasErrors, parse835, validate837PFile } from '../../../domain/x12';
import { filingDeadlineFor } from '../../../domain/policy';
import { type ApiHarness, bearer } from '../../support/api-harness';
import { ExamDriver } from '../../support/exam-driver';
import { sampleIntake } from '../../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../../support/own-test-server';
import { REPLAY_CONFIG } from '../../replay/replay-key';

let h: ApiHarness;
let d: ExamDriver;
// A test server of its own: these exams run their timers (months of them) without moving other files' clocks.
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => h?.close());

const DAY = 86_400_000;

interface LedgerJson {
  entries: { claimId: string | null; source: { kind: string; documentId: string }; lines: { account: string; debitCents: number; creditCents: number }[] }[];
  accounts: { account: string; balanceCents: number }[];
  totals: { chargesCents: number; paymentsCents: number; adjustmentsCents: number; insuranceOpenCents: number; patientOpenCents: number; balanced: boolean };
}

async function ledger(examId: string): Promise<LedgerJson> {
  const res = await d.call('GET', `/v1/exams/${examId}/ledger`, 'biller');
  expect(res.status).toBe(200);
  return res.body as unknown as LedgerJson;
}

async function ledgerWhen(examId: string, ready: (l: LedgerJson) => boolean, what: string): Promise<LedgerJson> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const l = await ledger(examId);
    if (ready(l)) return l;
    if (Date.now() > deadline) throw new Error(`the ledger never showed ${what}: ${JSON.stringify(l.totals)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function expectBalanced(l: LedgerJson): void {
  const t = l.totals;
  expect(t.balanced).toBe(true);
  expect(t.chargesCents).toBe(t.paymentsCents + t.adjustmentsCents + t.insuranceOpenCents + t.patientOpenCents);
}

/** The exact X12 sent for a claim (its latest version, or the one asked for). */
async function x12Of(claimId: string, version?: number): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12${version ? `?version=${version}` : ''}`, headers: bearer(h.tokens.biller) });
  expect(res.statusCode).toBe(200);
  return res.body;
}

/** CLM05-3 (claim frequency) of an 837. */
const frequencyOf = (x12: string) => /CLM\*[^*]+\*[^*]+\*\*\*[0-9A-Z]+:[AB]:(\d)/.exec(x12)?.[1];
const refF8Of = (x12: string) => /REF\*F8\*([^~]+)~/.exec(x12)?.[1];

/** The change request recorded for a claim version (the outbox of voids and reopening requests), once it is sent. */
async function changeRequest(claimId: string, version: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const row = await h.database.db.selectFrom('claim_change_requests').selectAll().where('claim_id', '=', claimId).where('version', '=', version).executeTakeFirst();
    if (row?.status === 'sent') return row;
    if (Date.now() > deadline) throw new Error(`no change request sent for ${claimId} v${version}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function claimRow(claimId: string) {
  return h.database.db.selectFrom('claims').selectAll().where('claim_id', '=', claimId).executeTakeFirstOrThrow();
}

/** An exam performed and signed; the claim goes out. `procedures` as performed (the order names the first). */
async function billedExam(opts: { payerId: string; memberId: string; cpts?: string[]; modality?: 'MR' | 'DX' }): Promise<string> {
  const cpts = opts.cpts ?? ['72100'];
  const examId = await d.intake({ payerId: opts.payerId, memberId: opts.memberId, cpt: cpts[0]!, modality: opts.modality ?? 'DX' });
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: cpts.map((cpt) => ({ cpt, units: 1 })) })).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId)).status).toBe(200);
  return examId;
}

async function cancel(examId: string) {
  const res = await d.call('POST', `/v1/exams/${examId}/cancel`, 'front_desk', { reason: 'patient withdrew: exam not done' });
  expect(res.status).toBe(200);
  return d.waitPhase(examId, 'cancelled');
}

/** The payer's 835 for a claim as sent (a NORESP member stands in for a paying one), under its own trace number. */
async function remittanceFor(claimId: string, trace: string, member = '1EG4TE5MK73'): Promise<string> {
  const raw = await x12Of(claimId);
  const files = respondToClaimFile(raw.replace(/NORESP-[A-Z0-9]+/, member), bundledRefData(), { date: '2027-01-15', time: '0900' });
  const remit = parse835(files.find((f) => f.transactionType === '835')!.x12).transactions[0]!;
  remit.trace = { ...remit.trace, number: trace };
  return build835(answerEnvelope(undefined, { date: '2027-01-15', time: '0900' }), [remit]);
}

/** The payer's reversal of a claim payment it made (CLP02 22, every amount negated), alone in an 835. */
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
  remit.payment.amountCents = 0;
  remit.trace = { ...remit.trace, number: trace };
  return build835(answerEnvelope(undefined, { date: '2027-01-20', time: '0900' }), [remit]);
}

/** Uploads an 835 and waits until it is delivered to its exam. */
async function upload(x12: string): Promise<void> {
  const res = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });
  expect([200, 202]).toContain(res.statusCode);
  const { statusUrl } = res.json<{ statusUrl: string }>();
  for (let i = 0; i < 600; i += 1) {
    const file = (await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(h.tokens.biller) })).json<{ status: string }>();
    if (file.status === 'delivered') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

/** The coder's correction of a one-line 72100 claim (pointers to the diagnoses given). */
const correction = (lines: { cpt: string; modifiers?: string[] }[], diagnoses = ['M54.16']) => ({
  action: 'correct',
  lines: lines.map((l) => ({ cpt: l.cpt, units: 1, modifiers: l.modifiers ?? [], diagnosisPointers: [1] })),
  diagnoses,
});

test('void on cancel after submission: frequency 8 with REF*F8 naming the payer claim number, sent once', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'NORESP-V1' });
  const waiting = await d.waitPhase(examId, 'adjudication');
  const claimId = waiting.claims[0]!.claimId;
  const icn = (await claimRow(claimId)).payer_claim_number;
  expect(icn).toBeTruthy();

  const cancelled = await cancel(examId);
  expect(cancelled.claims[0]).toMatchObject({ claimId, version: 2, status: 'voided' });
  const request = await changeRequest(claimId, 2);
  expect(request).toMatchObject({ kind: 'void', vehicle: 'frequency-8', payer_claim_number: icn });
  const voidX12 = await x12Of(claimId, 2);
  expect(frequencyOf(voidX12)).toBe('8');
  expect(refF8Of(voidX12)).toBe(icn);
  expect(hasErrors(validate837PFile(voidX12))).toBe(false);
  // the original went out as 1; the void once, under the claim's next version
  expect(frequencyOf(await x12Of(claimId, 1))).toBe('1');
  const sent = await h.database.db.selectFrom('claim_submissions').select(['version', 'frequency']).where('claim_id', '=', claimId).orderBy('version').execute();
  expect(sent).toEqual([{ version: 1, frequency: '1' }, { version: 2, frequency: '8' }]);
  // the payer's acknowledgment of the void leaves the claim voided
  await new Promise((r) => setTimeout(r, 500));
  expect((await claimRow(claimId)).status).toBe('voided');
});

test('void by reopening request where the payer takes no frequency 8 (Medicare Part B): a cancel request PDF, no 837', async () => {
  const examId = await billedExam({ payerId: 'medicare-b', memberId: 'NORESP-V2', cpts: ['72148'], modality: 'MR' });
  const waiting = await d.waitPhase(examId, 'adjudication');
  const claimId = waiting.claims[0]!.claimId;
  await cancel(examId);
  const request = await changeRequest(claimId, 2);
  expect(request).toMatchObject({ kind: 'void', vehicle: 'reopening-request' });
  const doc = await h.database.db.selectFrom('documents').select(['kind', 'content_type', 'size_bytes']).where('id', '=', request.document_id!).executeTakeFirstOrThrow();
  expect(doc).toMatchObject({ kind: 'claim-change-request', content_type: 'application/pdf' });
  expect(doc.size_bytes).toBeGreaterThan(500);
  const sent = await h.database.db.selectFrom('claim_submissions').select(['version']).where('claim_id', '=', claimId).execute();
  expect(sent).toEqual([{ version: 1 }]);
  expect((await claimRow(claimId)).status).toBe('voided');
});

test('receivable reversed on void: the claim charges are reversed, nothing is left open with the payer, the ledger balances', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'NORESP-V3' });
  await d.waitPhase(examId, 'adjudication');
  const before = await ledgerWhen(examId, (l) => l.totals.insuranceOpenCents > 0, 'the claim charges');
  expectBalanced(before);
  await cancel(examId);
  const after = await ledgerWhen(examId, (l) => l.entries.some((e) => e.source.kind === 'reversal'), 'the void reversal');
  expectBalanced(after);
  expect(after.totals).toMatchObject({ chargesCents: 0, insuranceOpenCents: 0, patientOpenCents: 0 });
  expect(after.accounts.find((a) => a.account === 'insurance_receivable:commercial-a')?.balanceCents ?? 0).toBe(0);
});

test('a claim rejected at the door and never accepted is not sent a void: only its receivable is reversed', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'REJECT-V4' });
  const rejected = await d.waitFor(examId, (e) => e.claims[0]?.status === 'rejected', 'the claim rejected');
  const claimId = rejected.claims[0]!.claimId;
  await cancel(examId);
  expect(await changeRequest(claimId, 2)).toMatchObject({ vehicle: 'none' });
  const l = await ledgerWhen(examId, (x) => x.entries.some((e) => e.source.kind === 'reversal'), 'the void reversal');
  expectBalanced(l);
  expect(l.totals.insuranceOpenCents).toBe(0);
  expect(await h.database.db.selectFrom('claim_submissions').select('version').where('claim_id', '=', claimId).execute()).toEqual([{ version: 1 }]);
});

test('reversed primary voids the secondary: the secondary payer gets frequency 8 with its claim number; the ledger balances', async () => {
  const scheduledAt = new Date((await d.now()) + 2 * DAY).toISOString();
  const base = sampleIntake();
  const res = await d.call('POST', '/v1/exams', 'integration', sampleIntake({
    coverages: [
      { payerId: 'medicare-b', memberId: 'NORESP-V5', relationship: 'self', order: 'primary' },
      { payerId: 'commercial-a', memberId: 'COMA-55505', relationship: 'self', order: 'secondary' },
    ],
    order: { ...base.order, scheduledAt },
  }));
  expect(res.status).toBe(201);
  const examId = res.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.waitPhase(examId, 'awaiting_report');
  await d.report(examId);
  const waiting = await d.waitPhase(examId, 'adjudication');
  const primaryId = waiting.claims[0]!.claimId;
  const paid = await remittanceFor(primaryId, 'VOIDPRI0001');
  await upload(paid);
  const billed = await d.waitFor(examId, (e) => e.claims.some((c) => c.claimId === `${primaryId}-S` && c.status === 'paid'), 'the secondary paid');
  const secondaryId = `${primaryId}-S`;
  const secondaryVersion = billed.claims.find((c) => c.claimId === secondaryId)!.version;
  const icn = (await claimRow(secondaryId)).payer_claim_number;
  expect(icn).toBeTruthy();

  await upload(reversalOnly(paid, 'VOIDREV0001'));
  const reversed = await d.waitFor(examId, (e) => e.claims.find((c) => c.claimId === secondaryId)?.status === 'voided', 'the secondary voided');
  expect(reversed.claims.find((c) => c.claimId === primaryId)).toMatchObject({ status: 'accepted' });
  const request = await changeRequest(secondaryId, secondaryVersion + 1);
  expect(request).toMatchObject({ kind: 'void', vehicle: 'frequency-8', payer_id: 'commercial-a', reason: expect.stringContaining('reversed') });
  const voidX12 = await x12Of(secondaryId, secondaryVersion + 1);
  expect(frequencyOf(voidX12)).toBe('8');
  expect(refF8Of(voidX12)).toBe(icn);
  expect(voidX12).toMatch(/NM1\*PR\*2\*[^~]*\*PI\*SBXCOMA~/);
  const l = await ledgerWhen(examId, (x) => x.entries.some((e) => e.source.kind === 'reversal'), 'the primary reversal');
  expectBalanced(l);
  expect(l.accounts.find((a) => a.account === 'insurance_receivable:commercial-a')?.balanceCents ?? 0).toBeLessThanOrEqual(0);
});

test('CO-16 MA130 resubmitted as a new claim: no appeal, back to coding, frequency 1 with no REF*F8, paid', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'DENY16-V6' });
  await d.waitPhase(examId, 'appeal');
  const work = await d.openTask(examId, 'denial-work');
  expect(work.context).toMatchObject({ carc: '16', newClaimRequired: true, recommendedAction: 'resubmit-as-new-claim' });
  const appeal = await d.resolve(work.taskId, 'biller', { action: 'appeal' });
  expect(appeal.status).toBe(422);
  expect(JSON.stringify(appeal.body)).toContain('no appeal rights');
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim' })).status).toBe(200);
  const coding = await d.openTask(examId, 'coding-review');
  expect(coding).toMatchObject({ queue: 'coder', context: expect.objectContaining({ reason: 'corrected-claim', carc: '16', newClaim: true }) });
  expect((await d.resolve(coding.taskId, 'coder', correction([{ cpt: '72100' }], ['M54.16', 'M51.16']))).status).toBe(200);
  const paid = await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'the new claim paid');
  const claimId = paid.claims[0]!.claimId;
  expect(paid.claims[0]).toMatchObject({ version: 2 });
  const x12 = await x12Of(claimId, 2);
  expect(frequencyOf(x12)).toBe('1');
  expect(refF8Of(x12)).toBeUndefined();
  expect(x12).toContain(':M5116');
  expect(hasErrors(validate837PFile(x12))).toBe(false);
});

test('corrected claim goes back to coding and is sent as frequency 7 with REF*F8 (XS added for a CO-97 bundling denial)', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'PARTIAL-V7', cpts: ['72100', '72040'] });
  const denied = await d.waitPhase(examId, 'appeal');
  const claimId = denied.claims[0]!.claimId;
  const icn = (await claimRow(claimId)).payer_claim_number;
  const work = await d.openTask(examId, 'denial-work');
  expect(work.context).toMatchObject({ carc: '97', category: 'bundling' });
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim', note: 'separate encounters' })).status).toBe(200);
  // nothing goes out until the coder has corrected the claim
  const coding = await d.openTask(examId, 'coding-review');
  expect(coding.context).toMatchObject({ reason: 'corrected-claim', correctedClaimId: claimId, carc: '97' });
  expect((await d.exam(examId)).claims[0]).toMatchObject({ version: 1, status: 'denied' });
  expect((await d.resolve(coding.taskId, 'coder', correction([{ cpt: '72100' }, { cpt: '72040', modifiers: ['XS'] }]))).status).toBe(200);
  const paid = await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'the corrected claim paid');
  expect(paid.claims[0]).toMatchObject({ version: 2 });
  const x12 = await x12Of(claimId, 2);
  expect(frequencyOf(x12)).toBe('7');
  expect(refF8Of(x12)).toBe(icn);
  expect(x12).toMatch(/SV1\*HC:72040:XS/);
  expect(hasErrors(validate837PFile(x12))).toBe(false);
});

test('unchanged corrected claim is refused (422); accepting the coding sends the denial back to the biller', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'DENY50-V8' });
  await d.waitPhase(examId, 'appeal');
  const work = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim' })).status).toBe(200);
  const coding = await d.openTask(examId, 'coding-review');
  const same = await d.resolve(coding.taskId, 'coder', correction([{ cpt: '72100' }]));
  expect(same.status).toBe(422);
  expect(JSON.stringify(same.body)).toContain('same as the claim the payer has');
  expect((await d.resolve(coding.taskId, 'coder', { action: 'accept' })).status).toBe(200);
  const back = await d.openTask(examId, 'denial-work');
  expect(back.context).toMatchObject({ reason: 'coding-unchanged' });
  const exam = await d.exam(examId);
  expect(exam.claims[0]).toMatchObject({ version: 1, status: 'denied' });
  expect(await h.database.db.selectFrom('claim_submissions').select('version').where('exam_id', '=', examId).execute()).toHaveLength(1);
});

test('Medicare Part B correction by reopening request: no frequency 7, a reopening request with the corrected lines', async () => {
  const examId = await billedExam({ payerId: 'medicare-b', memberId: 'DENY50-V9', cpts: ['72148'], modality: 'MR' });
  const denied = await d.waitPhase(examId, 'appeal');
  const claimId = denied.claims[0]!.claimId;
  const work = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim' })).status).toBe(200);
  const coding = await d.openTask(examId, 'coding-review');
  expect((await d.resolve(coding.taskId, 'coder', correction([{ cpt: '72148' }], ['M51.16']))).status).toBe(200);
  const waiting = await d.waitFor(examId, (e) => e.claims[0]?.version === 2, 'the correction requested');
  expect(waiting.claims[0]).toMatchObject({ status: 'appealed' });
  expect(waiting.phase).toBe('adjudication');
  const request = await changeRequest(claimId, 2);
  expect(request).toMatchObject({ kind: 'correction', vehicle: 'reopening-request' });
  expect((await h.database.db.selectFrom('documents').select('kind').where('id', '=', request.document_id!).executeTakeFirstOrThrow()).kind).toBe('claim-change-request');
  // no replacement 837 went to Medicare
  expect(await h.database.db.selectFrom('claim_submissions').select('version').where('claim_id', '=', claimId).execute()).toEqual([{ version: 1 }]);
  expect((await claimRow(claimId)).status).toBe('reopening-requested');
  // the corrected charges replace the billed ones in the ledger
  const l = await ledgerWhen(examId, (x) => x.entries.filter((e) => e.source.kind === 'charge').length === 2, 'the corrected charges');
  expectBalanced(l);
});

test('90-day escalation survives a denial and a corrected resubmission: it opens 90 days after the first submission', async () => {
  const examId = await billedExam({ payerId: 'commercial-a', memberId: 'NORESP-V11' });
  const waiting = await d.waitPhase(examId, 'adjudication');
  const claimId = waiting.claims[0]!.claimId;
  const firstSubmittedAt = Date.parse((await claimRow(claimId)).first_submitted_at!.toISOString());
  // the payer denies it (CO-50), uploaded by the clearinghouse
  await upload(await remittanceFor(claimId, 'AGEDENY0001', 'DENY50'));
  await d.waitPhase(examId, 'appeal');
  expect((await d.exam(examId)).nextTimers).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ar-escalation' })]));
  const work = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(work.taskId, 'biller', { action: 'corrected-claim' })).status).toBe(200);
  const coding = await d.openTask(examId, 'coding-review');
  expect((await d.resolve(coding.taskId, 'coder', correction([{ cpt: '72100' }], ['M51.16']))).status).toBe(200);
  const resent = await d.waitFor(examId, (e) => e.claims[0]?.version === 2 && e.claims[0]?.status === 'accepted', 'the corrected claim accepted');
  const timer = resent.nextTimers.find((t) => t.kind === 'ar-escalation');
  expect(timer).toBeDefined();
  // counted from the first submission, not from the resubmission
  expect(Math.abs(Date.parse(timer!.dueAt) - (firstSubmittedAt + 90 * DAY))).toBeLessThan(60_000);
  // the payer never pays: 90 days after the first submission, the claim is escalated
  await d.sleep('91 days');
  const escalation = await d.openTask(examId, 'ar-escalation');
  expect(escalation).toMatchObject({ claimId, context: expect.objectContaining({ level: 1 }) });
});

test('Medicare timely filing is one calendar year: the same month and day a year after the date of service (366 days across 29 February), not 365 days', async () => {
  // a date of service whose year after it holds 29 February 2028
  const from = Date.UTC(2027, 2, 2);
  const now = await d.now();
  if (now < from) await d.sleep(from - now);
  const examId = await d.intake({ payerId: 'medicare-b', memberId: 'NORESP-V10' });
  await d.waitPhase(examId, 'awaiting_exam');
  const performedAt = new Date(await d.now()).toISOString();
  expect((await d.performed(examId, { performedAt })).status).toBe(200);
  const waiting = await d.waitPhase(examId, 'awaiting_report');
  const dos = performedAt.slice(0, 10);
  const deadline = `${Number(dos.slice(0, 4)) + 1}${dos.slice(4)}`;
  expect(Date.parse(deadline) - Date.parse(dos)).toBe(366 * DAY);
  // the risk warning comes 45 days (Medicare's policy) before that deadline, at the exam's time of day
  const risk = waiting.nextTimers.find((t) => t.kind === 'timely-filing-risk');
  expect(risk).toBeDefined();
  const expected = Date.parse(filingDeadlineFor(dos, { days: 365, basis: 'one-calendar-year' })) - 45 * DAY;
  expect(Date.parse(risk!.dueAt)).toBe(expected);
  expect(Date.parse(risk!.dueAt)).not.toBe(Date.parse(dos) + (365 - 45) * DAY);
  // a report-signature escalation counts back from the same deadline
  const escalation = waiting.nextTimers.find((t) => t.kind === 'report-escalation');
  expect(Date.parse(escalation!.dueAt)).toBeLessThan(Date.parse(filingDeadlineFor(dos, { days: 365, basis: 'one-calendar-year' })));
});
