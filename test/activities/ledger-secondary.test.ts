import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { secondaryClaimId } from '../../activities/claims/submit-secondary-claim';
import { createFiledropClearinghouse } from '../../activities/clearinghouse/filedrop';
import { ingestX12 } from '../../activities/ingestion/ingest-x12';
import { createLedgerActivities } from '../../activities/ledger';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { loadLedger, readLedgerBalances } from '../../db/repositories/ledger';
import { balances, checkInvariants } from '../../domain/ledger';
import { answerEnvelope, respondToClaimFile } from '../../domain/sandbox-payer';
import { build835, parse835, parse837P } from '../../domain/x12';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { sampleIntake } from '../support/intake-fixture';
import { type TestDatabase, createTestDatabase } from '../support/test-env';
import { claimSubmission, newExamId, recordingTemporal } from './claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-cob-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** An exam with Medicare primary and a commercial plan secondary. */
async function insertCobExam(): Promise<string> {
  const examId = newExamId();
  const intake = ExamIntakeSchema.parse(
    sampleIntake({
      coverages: [
        { payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self', order: 'primary' },
        { payerId: 'commercial-a', memberId: 'COMA-55501', relationship: 'self', order: 'secondary' },
      ],
    }),
  );
  await database.db.insertInto('exams').values({
    exam_id: examId, accession_number: intake.accessionNumber, facility_id: intake.facility.id, patient: JSON.stringify(intake.patient),
    coverages: JSON.stringify(intake.coverages), order: JSON.stringify(intake.order), phase: 'adjudication', status: 'open', scheduled_at: intake.order.scheduledAt,
  }).execute();
  return examId;
}

/** The sandbox payer answers an outbound file; its 835 is taken by the inbound path. Returns the remittance id of the claim. */
async function answer(fileName: string, claimId: string): Promise<string> {
  const files = respondToClaimFile(readFileSync(path.join(dir, 'outbox', fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
  return take835(files.find((f) => f.transactionType === '835')!.x12, claimId);
}

test('secondary billing: the primary’s patient share moves to the secondary, whose 837P carries the primary adjudication and whose 835 posts to its receivable', async () => {
  const { db } = database;
  const clearinghouse = createFiledropClearinghouse(dir);
  const a = createLedgerActivities({ db, clearinghouse });
  const examId = await insertCobExam();
  const submission = claimSubmission(examId);
  const { claimId } = submission;
  const line = submission.claim.lines[0]!;
  const lines = [{ lineNumber: 1, cpt: line.cpt, modifiers: line.modifiers, units: line.units, chargeCents: line.chargeCents }];

  const sent = await createSubmitClaim({ db, clearinghouse })(submission);
  const primaryRemit = await answer(sent.fileName, claimId);
  await a.postClaimCharges({ examId, claimId, version: 1, billTo: { kind: 'insurance', payerId: 'medicare-b' }, lines, effectiveDate: '2026-11-25' });
  const primary = await a.postRemittance({ examId, claimId, remittanceId: primaryRemit, billed: { payerId: 'medicare-b', lines, dateOfService: '2026-11-25', placeOfService: '11' }, effectiveDate: '2026-12-01' });
  const share = primary.payments[0]!.patientShareCents;
  expect(share).toBeGreaterThan(0);

  expect((await a.transferToSecondary({ examId, claimId, payerId: 'commercial-a', effectiveDate: '2026-12-02' })).amountCents).toBe(share);
  expect((await a.transferToSecondary({ examId, claimId, payerId: 'commercial-a', effectiveDate: '2026-12-02' })).amountCents).toBe(0);
  expect(balances(await loadLedger(db, examId)).summary).toMatchObject({ patientOpenCents: 0, insuranceOpenByPayer: { 'medicare-b': 0, 'commercial-a': share } });

  const cob = await a.submitSecondaryClaim({ examId, claimId, version: 1, secondaryPayerId: 'commercial-a' });
  expect(cob).toMatchObject({ outcome: 'submitted', secondaryClaimId: secondaryClaimId(claimId) });
  expect(await a.submitSecondaryClaim({ examId, claimId, version: 1, secondaryPayerId: 'commercial-a' })).toMatchObject({ outcome: 'sent-before' });
  if (cob.outcome === 'crossover') throw new Error('unexpected crossover');

  const x12 = readFileSync(path.join(dir, 'outbox', cob.fileName), 'utf8');
  const secondaryClaim = parse837P(x12).transactions[0]!.claims[0]!;
  expect(secondaryClaim.subscriber).toMatchObject({ payerResponsibility: 'S', memberId: 'COMA-55501' });
  expect(secondaryClaim.otherSubscribers).toEqual([expect.objectContaining({ payerResponsibility: 'P', payerId: '06102', payerPaidCents: primary.payments[0]!.paidCents })]);
  const lineAdjudication = secondaryClaim.lines[0]!.adjudications![0]!;
  expect(lineAdjudication.paidCents).toBe(primary.payments[0]!.paidCents);
  expect(lineAdjudication.adjustments.filter((x) => x.group === 'PR').reduce((t, x) => t + x.amountCents, 0)).toBe(share);

  const secondaryRemit = await answer(cob.fileName, cob.secondaryClaimId);
  const posted = await a.postRemittance({ examId, claimId: cob.secondaryClaimId, remittanceId: secondaryRemit, billed: { payerId: 'commercial-a', lines, dateOfService: '2026-11-25', placeOfService: '11' }, effectiveDate: '2026-12-10' });
  const secondaryPaid = posted.payments[0]!;
  // commercial-a keeps 20 % coinsurance on what it covers; it pays the rest of the primary's patient share
  const patientRest = Math.floor((share * 2000 + 5000) / 10000);
  expect(secondaryPaid).toMatchObject({ claimState: 'paid', paidCents: share - patientRest, patientShareCents: patientRest });

  const state = await loadLedger(db, examId);
  expect(checkInvariants(state)).toEqual({ ok: true });
  expect(balances(state).summary).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: patientRest, chargesCents: line.chargeCents });
  const rows = await readLedgerBalances(db, examId);
  expect(rows.find((r) => r.account === 'insurance_receivable:commercial-a')).toMatchObject({ claimKey: cob.secondaryClaimId, payerId: 'commercial-a', balanceCents: 0 });
});

/** Takes an 835 through the inbound path; returns the remittance id of the claim. */
async function take835(x12: string, claimId: string): Promise<string> {
  const { client, signals } = recordingTemporal();
  expect((await ingestX12({ db: database.db, temporal: client }, { raw: x12, source: 'api' })).ok).toBe(true);
  const signal = signals.find((s) => s.name === 'remittanceReceived' && (s.arg as { adjudication: { claimId: string } }).adjudication.claimId === claimId)!;
  const { remittance } = signal.arg as { remittance: { payerId: string; traceNumber: string } };
  return `${remittance.payerId}:${remittance.traceNumber}:${claimId}`;
}

test('a reversal of the primary after its share went to the secondary takes the transfer back: no receivable in credit, the patient owes nothing', async () => {
  const { db } = database;
  const clearinghouse = createFiledropClearinghouse(dir);
  const a = createLedgerActivities({ db, clearinghouse });
  const examId = await insertCobExam();
  const submission = claimSubmission(examId);
  const { claimId } = submission;
  const line = submission.claim.lines[0]!;
  const lines = [{ lineNumber: 1, cpt: line.cpt, modifiers: line.modifiers, units: line.units, chargeCents: line.chargeCents }];
  const billed = { payerId: 'medicare-b', lines, dateOfService: '2026-11-25', placeOfService: '11' };

  const sent = await createSubmitClaim({ db, clearinghouse })(submission);
  const files = respondToClaimFile(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
  const paidX12 = files.find((f) => f.transactionType === '835')!.x12;
  const primaryRemit = await take835(paidX12, claimId);
  await a.postClaimCharges({ examId, claimId, version: 1, billTo: { kind: 'insurance', payerId: 'medicare-b' }, lines, effectiveDate: '2026-11-25' });
  const primary = await a.postRemittance({ examId, claimId, remittanceId: primaryRemit, billed, effectiveDate: '2026-12-01' });
  const share = primary.payments[0]!.patientShareCents;
  expect(share).toBeGreaterThan(0);
  expect((await a.transferToSecondary({ examId, claimId, payerId: 'commercial-a', remittanceId: primaryRemit, effectiveDate: '2026-12-02' })).amountCents).toBe(share);

  // the primary takes its payment back (CLP02 22, every amount negated)
  const remit = parse835(paidX12).transactions[0]!;
  const negate = <T extends { amountCents: number }>(x: T): T => ({ ...x, amountCents: -x.amountCents });
  const clp = remit.claims[0]!;
  remit.claims = [{
    ...clp, status: '22', chargeCents: -clp.chargeCents, paidCents: -clp.paidCents, patientResponsibilityCents: -(clp.patientResponsibilityCents ?? 0), adjustments: clp.adjustments.map(negate),
    lines: clp.lines.map((l) => ({ ...l, chargeCents: -l.chargeCents, paidCents: -l.paidCents, ...(l.allowedCents !== undefined ? { allowedCents: -l.allowedCents } : {}), adjustments: l.adjustments.map(negate) })),
  }];
  remit.payment.amountCents = 0;
  remit.trace = { ...remit.trace, number: 'COBREV0001' };
  const reversalRemit = await take835(build835(answerEnvelope(undefined, { date: '2026-12-05', time: '0900' }), [remit]), claimId);
  const reversed = await a.postRemittance({ examId, claimId, remittanceId: reversalRemit, billed, effectiveDate: '2026-12-05' });
  expect(reversed.creditBalances).toEqual([]);
  // posted again, nothing moves twice
  await a.postRemittance({ examId, claimId, remittanceId: reversalRemit, billed, effectiveDate: '2026-12-05' });
  // a transfer asked for after the reversal moves nothing either
  expect((await a.transferToSecondary({ examId, claimId, payerId: 'commercial-a', remittanceId: reversalRemit, effectiveDate: '2026-12-06' })).amountCents).toBe(0);

  const state = await loadLedger(db, examId);
  expect(checkInvariants(state)).toEqual({ ok: true });
  expect(balances(state).summary).toMatchObject({ patientOpenCents: 0, paymentsCents: 0, insuranceOpenByPayer: { 'commercial-a': 0 } });
  const rows = await readLedgerBalances(db, examId);
  // on every claim (the secondary's included), no receivable in credit and nothing left with the patient
  expect(rows.filter((r) => /receivable/.test(r.account) && r.balanceCents < 0)).toEqual([]);
  expect(rows.filter((r) => r.account === 'patient_receivable').every((r) => r.balanceCents === 0)).toBe(true);
});
