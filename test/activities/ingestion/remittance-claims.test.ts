import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../../domain/sandbox-payer';
import { type ClaimPayment835, build835, parse835 } from '../../../domain/x12';
import { ExamIntakeSchema } from '../../../workflows/exam/intake';
import { sampleIntake } from '../../support/intake-fixture';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, insertExam, newExamId, recordingTemporal } from '../claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-remit-claims-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Submits the exam's claim through the filedrop and returns the 835 files the sandbox payer answers it with. */
async function answered(examId: string): Promise<string[]> {
  const { db } = database;
  const sent = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
  const files = respondToClaimFile(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
  return files.filter((f) => f.transactionType === '835').map((f) => f.x12);
}

function reversalOf(p: ClaimPayment835): ClaimPayment835 {
  const negate = <T extends { amountCents: number }>(a: T): T => ({ ...a, amountCents: -a.amountCents });
  return {
    ...p, status: '22', chargeCents: -p.chargeCents, paidCents: -p.paidCents, patientResponsibilityCents: -(p.patientResponsibilityCents ?? 0), adjustments: p.adjustments.map(negate),
    lines: p.lines.map((l) => ({ ...l, chargeCents: -l.chargeCents, paidCents: -l.paidCents, ...(l.allowedCents !== undefined ? { allowedCents: -l.allowedCents } : {}), adjustments: l.adjustments.map(negate) })),
  };
}

/** The paid 835 rewritten: its claim payments replaced by `claims(paid)` under a new trace number. */
function rewritten(x12: string, trace: string, claims: (paid: ClaimPayment835) => ClaimPayment835[]): string {
  const remit = parse835(x12).transactions[0]!;
  remit.claims = claims(remit.claims[0]!);
  remit.payment.amountCents = remit.claims.reduce((t, c) => t + c.paidCents, 0);
  remit.trace = { ...remit.trace, number: trace };
  return build835(answerEnvelope(undefined, { date: '2026-12-05', time: '0900' }), [remit]);
}

const claimRow = (claimId: string) => database.db.selectFrom('claims').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
const remitHistory = (claimId: string) => database.db.selectFrom('claim_status_history').select(['status', 'document_id']).where('claim_id', '=', claimId).where('source', '=', '835').orderBy('id').execute();

test('a reversal and its correction in one 835 reach the exam as one payment, and the claim shows the corrected payment', async () => {
  const { db } = database;
  const examId = await insertExam(db);
  const [paid] = await answered(examId);
  const claimId = `${examId}-G`;
  const { client } = recordingTemporal();
  expect(await ingestX12({ db, temporal: client }, { raw: paid!, source: 'api' })).toMatchObject({ ok: true });
  const paidCents = (await claimRow(claimId))!.paid_cents;
  expect(paidCents).toBeGreaterThan(0);

  const corrected = rewritten(paid!, 'CORR0001', (p) => [reversalOf(p), { ...p, paidCents: p.paidCents - 500, lines: p.lines.map((l, i) => (i === 0 ? { ...l, paidCents: l.paidCents - 500, adjustments: l.adjustments.map((a) => (a.group === 'CO' ? { ...a, amountCents: a.amountCents + 500 } : a)) } : l)) }]);
  const recording = recordingTemporal();
  const result = await ingestX12({ db, temporal: recording.client }, { raw: corrected, source: 'api' });
  expect(result).toMatchObject({ ok: true, duplicate: false, claims: [{ claimId, status: 'paid', signaled: true }] });
  // one delivery, carrying the correction (the exam posts the reversal with it from the stored file)
  expect(recording.signals).toHaveLength(1);
  expect(recording.signals[0]!.arg).toMatchObject({ adjudication: { statusCode: '1', paidCents: paidCents - 500 } });
  expect(await claimRow(claimId)).toMatchObject({ status: 'paid', paid_cents: paidCents - 500 });
  const history = await remitHistory(claimId);
  expect(history.map((x) => x.status)).toEqual(['paid', 'reversed', 'paid']);
  expect(history[1]!.document_id).toBe(history[2]!.document_id);
});

test('a reversal alone is delivered as a reversal and leaves the claim reversed with nothing paid', async () => {
  const { db } = database;
  const examId = await insertExam(db);
  const [paid] = await answered(examId);
  const claimId = `${examId}-G`;
  await ingestX12({ db, temporal: recordingTemporal().client }, { raw: paid!, source: 'api' });
  const recording = recordingTemporal();
  const result = await ingestX12({ db, temporal: recording.client }, { raw: rewritten(paid!, 'REV0001', (p) => [reversalOf(p)]), source: 'api' });
  expect(result).toMatchObject({ ok: true, claims: [{ claimId, status: 'reversed', signaled: true }] });
  expect(recording.signals).toHaveLength(1);
  expect(recording.signals[0]!.arg).toMatchObject({ adjudication: { statusCode: '22' } });
  expect(await claimRow(claimId)).toMatchObject({ status: 'reversed', paid_cents: 0, patient_responsibility_cents: 0 });
  expect((await remitHistory(claimId)).map((x) => x.status)).toEqual(['paid', 'reversed']);
  // the denials report takes nothing from a reversal
  const denials = await db.selectFrom('claim_denials').select('claim_id').where('claim_id', '=', claimId).execute();
  expect(denials).toEqual([]);
});

test('crossover: the secondary payer’s 835 under the primary’s claim id is recorded on the secondary claim, made for it', async () => {
  const { db } = database;
  const examId = newExamId();
  const intake = ExamIntakeSchema.parse(sampleIntake({
    coverages: [
      { payerId: 'medicare-b', memberId: 'XOVER-1EG4TE5MK73', relationship: 'self', order: 'primary' },
      { payerId: 'medicaid', memberId: 'MCD-778812', relationship: 'self', order: 'secondary' },
    ],
  }));
  await db.insertInto('exams').values({
    exam_id: examId, accession_number: intake.accessionNumber, facility_id: intake.facility.id, patient: JSON.stringify(intake.patient),
    coverages: JSON.stringify(intake.coverages), order: JSON.stringify(intake.order), phase: 'submission', status: 'open', scheduled_at: intake.order.scheduledAt,
  }).execute();
  // one file: Medicare's payment (CLP02 19, forwarded) and Medicaid's, under the same claim id
  const [file] = await answered(examId);
  const claimId = `${examId}-G`;
  const result = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: file!, source: 'api' });
  expect(result).toMatchObject({ ok: true, claims: [{ claimId, signaled: true }, { claimId: `${claimId}-S`, signaled: true }] });
  const [medicareRemit, medicaidRemit] = parse835(file!).transactions;
  const medicare = medicareRemit!.claims[0]!;
  const medicaid = medicaidRemit!.claims[0]!;
  expect(medicare.status).toBe('19');
  expect(await claimRow(claimId)).toMatchObject({ payer_id: 'medicare-b', paid_cents: medicare.paidCents });
  expect(await claimRow(`${claimId}-S`)).toMatchObject({ exam_id: examId, payer_id: 'medicaid', status: 'paid', paid_cents: medicaid.paidCents, first_submitted_at: null });
  expect((await remitHistory(claimId))).toHaveLength(1);
  expect((await remitHistory(`${claimId}-S`)).map((x) => x.status)).toEqual(['paid']);
});
