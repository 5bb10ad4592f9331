import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createSubmitSecondaryClaim } from '../../../activities/claims/submit-secondary-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile } from '../../../domain/sandbox-payer';
import { hasErrors, parse835, parse837I, parse837P, validate837I, validate837PFile } from '../../../domain/x12';
import { ExamIntakeSchema } from '../../../workflows/exam/intake';
import { sampleIntake } from '../../support/intake-fixture';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, newExamId, recordingTemporal } from '../claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-secondary-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function cobExam(secondary: { payerId: string; memberId: string }): Promise<string> {
  const examId = newExamId();
  const intake = ExamIntakeSchema.parse(sampleIntake({
    coverages: [
      { payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self', order: 'primary' },
      { ...secondary, relationship: 'self', order: 'secondary', groupNumber: 'GRP-7781' },
    ],
  }));
  await database.db.insertInto('exams').values({
    exam_id: examId, accession_number: intake.accessionNumber, facility_id: intake.facility.id, patient: JSON.stringify(intake.patient),
    coverages: JSON.stringify(intake.coverages), order: JSON.stringify(intake.order), phase: 'adjudication', status: 'open', scheduled_at: intake.order.scheduledAt,
  }).execute();
  return examId;
}

const outbox = (fileName: string) => readFileSync(path.join(dir, 'outbox', fileName), 'utf8');

async function answer(fileName: string): Promise<void> {
  const files = respondToClaimFile(outbox(fileName), bundledRefData(), { date: '2026-12-01', time: '0900' });
  for (const f of files) expect((await ingestX12({ db: database.db, temporal: recordingTemporal().client }, { raw: f.x12, source: 'api' })).ok).toBe(true);
}

test('the primary claim names the secondary coverage (2320/2330) and passes the outbound validator', async () => {
  const { db } = database;
  const clearinghouse = createFiledropClearinghouse(dir);
  const examId = await cobExam({ payerId: 'commercial-a', memberId: 'COMA-55501' });
  const sent = await createSubmitClaim({ db, clearinghouse })(claimSubmission(examId));
  const x12 = outbox(sent.fileName);
  expect(hasErrors(validate837PFile(x12))).toBe(false);
  const claim = parse837P(x12).transactions[0]!.claims[0]!;
  expect(claim.subscriber).toMatchObject({ payerResponsibility: 'P', memberId: '1EG4TE5MK73' });
  expect(claim.otherSubscribers).toEqual([expect.objectContaining({ payerResponsibility: 'S', relationship: '18', groupNumber: 'GRP-7781', memberId: 'COMA-55501', payerId: 'SBXCOMA' })]);
  // nothing adjudicated yet: no other-payer amounts
  expect(claim.otherSubscribers![0]!.payerPaidCents).toBeUndefined();
  expect(claim.otherSubscribers![0]!.adjustments).toEqual([]);
  expect(claim.lines.every((l) => (l.adjudications ?? []).length === 0)).toBe(true);
});

test('a secondary claim billed again goes out as a new file; once the secondary adjudicated it, as a replacement (frequency 7)', async () => {
  const { db } = database;
  const clearinghouse = createFiledropClearinghouse(dir);
  const submitSecondary = createSubmitSecondaryClaim({ db, clearinghouse });
  const examId = await cobExam({ payerId: 'commercial-a', memberId: 'COMA-55502' });
  const submission = claimSubmission(examId);
  await answer((await createSubmitClaim({ db, clearinghouse })(submission)).fileName);

  const first = await submitSecondary({ examId, claimId: submission.claimId, version: 1, secondaryPayerId: 'commercial-a' });
  expect(first).toMatchObject({ outcome: 'submitted' });
  const again = await submitSecondary({ examId, claimId: submission.claimId, version: 2, secondaryPayerId: 'commercial-a' });
  expect(again).toMatchObject({ outcome: 'submitted', secondaryClaimId: `${submission.claimId}-S` });
  if (first.outcome === 'crossover' || again.outcome === 'crossover') throw new Error('unexpected crossover');
  expect(again.fileName).not.toBe(first.fileName);
  const second = parse837P(outbox(again.fileName)).transactions[0]!.claims[0]!;
  expect(second).toMatchObject({ claimId: `${submission.claimId}-S`, frequency: '1' });
  expect(second.payerClaimControlNumber).toBeUndefined();
  expect(second.otherSubscribers).toEqual([expect.objectContaining({ payerResponsibility: 'P', payerId: '06102' })]);

  // the secondary payer adjudicates version 2; a third billing replaces it under the secondary's claim number
  await answer(again.fileName);
  const row = await db.selectFrom('claims').select(['payer_claim_number', 'version', 'payer_id']).where('claim_id', '=', `${submission.claimId}-S`).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ version: 2, payer_id: 'commercial-a' });
  expect(row.payer_claim_number).toBeTruthy();
  const third = await submitSecondary({ examId, claimId: submission.claimId, version: 3, secondaryPayerId: 'commercial-a' });
  if (third.outcome === 'crossover') throw new Error('unexpected crossover');
  const replacement = parse837P(outbox(third.fileName)).transactions[0]!.claims[0]!;
  expect(replacement).toMatchObject({ frequency: '7', payerClaimControlNumber: row.payer_claim_number });
  expect(hasErrors(validate837PFile(outbox(third.fileName)))).toBe(false);
  const sent = await db.selectFrom('claim_submissions').select(['version', 'frequency']).where('claim_id', '=', `${submission.claimId}-S`).orderBy('version').execute();
  expect(sent.map((s) => [s.version, s.frequency])).toEqual([[1, '1'], [2, '1'], [3, '7']]);
});

test('an 837I secondary claim (technical component, hospital outpatient) carries the primary\'s paid amount and adjustments', async () => {
  const { db } = database;
  const clearinghouse = createFiledropClearinghouse(dir);
  const examId = await cobExam({ payerId: 'commercial-a', memberId: 'COMA-55503' });
  const submission = claimSubmission(examId, {
    claimId: `${examId}-T`,
    idempotencyKey: `${examId}-T:v1`,
    component: 'technical',
    claim: {
      kind: 'technical', billedBy: 'facility', form: '837I', placeOfService: '22', dateOfService: '2026-11-25', diagnoses: ['M54.16'],
      lines: [{ lineNumber: 1, cpt: '72148', modifiers: ['TC'], units: 1, chargeCents: 150000, diagnosisPointers: [1] }],
    },
  });
  const primary = await createSubmitClaim({ db, clearinghouse })(submission);
  // The primary's 835 as the payer sent it: what the secondary must be told.
  const files = respondToClaimFile(outbox(primary.fileName), bundledRefData(), { date: '2026-12-01', time: '0900' });
  const era = files.filter((f) => f.x12.includes('ST*835*')).flatMap((f) => parse835(f.x12).transactions.flatMap((t) => t.claims));
  const paid = era.find((c) => c.claimId === submission.claimId)!;
  expect(paid.paidCents).toBeGreaterThan(0);
  for (const f of files) expect((await ingestX12({ db, temporal: recordingTemporal().client }, { raw: f.x12, source: 'api' })).ok).toBe(true);

  const sent = await createSubmitSecondaryClaim({ db, clearinghouse })({ examId, claimId: submission.claimId, version: 1, secondaryPayerId: 'commercial-a' });
  if (sent.outcome === 'crossover') throw new Error('unexpected crossover');
  const x12 = outbox(sent.fileName);
  const parsed = parse837I(x12);
  expect(parsed.transactions).toHaveLength(1);
  expect(hasErrors([...parsed.findings, ...validate837I(parsed.transactions[0]!)])).toBe(false);
  const claim = parsed.transactions[0]!.claims[0]!;
  expect(claim).toMatchObject({ claimId: `${submission.claimId}-S`, facilityTypeCode: '13' });
  // 2320: the primary (Medicare Part A, which takes institutional claims: MA) with what it paid and its claim-level adjustments
  expect(claim.otherSubscribers).toEqual([expect.objectContaining({ payerResponsibility: 'P', payerId: '06001', claimFilingIndicator: 'MA', payerPaidCents: paid.paidCents })]);
  // 2430: the line as the primary adjudicated it, its adjustments account for the rest of the charge
  const line = claim.lines[0]!;
  expect(line.adjudications).toHaveLength(1);
  const adj = line.adjudications![0]!;
  expect(adj).toMatchObject({ payerId: '06001', paidCents: paid.lines[0]!.paidCents, procedureCode: '72148' });
  expect(adj.adjustments).toEqual(paid.lines[0]!.adjustments.map((a) => expect.objectContaining({ group: a.group, reason: a.reason, amountCents: a.amountCents })));
  expect(adj.adjustments.length).toBeGreaterThan(0);
  expect(adj.paidCents + adj.adjustments.reduce((s, a) => s + a.amountCents, 0) + claim.otherSubscribers![0]!.adjustments.reduce((s, a) => s + a.amountCents, 0)).toBe(150000);
});
