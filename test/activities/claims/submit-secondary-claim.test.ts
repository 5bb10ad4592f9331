import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createSubmitSecondaryClaim } from '../../../activities/claims/submit-secondary-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile } from '../../../domain/sandbox-payer';
import { hasErrors, parse837P, validate837PFile } from '../../../domain/x12';
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
