import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ClaimFailureType } from '../../../activities/claims/claim-failure';
import { createSubmitAppeal } from '../../../activities/claims/submit-appeal';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { createSandboxClearinghouse } from '../../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import type { Db } from '../../../db/database';
import { seedPayerPolicy } from '../../../domain/policy';
import { parse837I, parse837P, validate837I, validate837PFile } from '../../../domain/x12';
import { ExamIntakeSchema, type ExamIntakeInput } from '../../../workflows/exam/intake';
import { sampleIntake } from '../../support/intake-fixture';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, newExamId, recordingTemporal } from '../claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-claim-build-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** An exam's row as recordExamIntake writes it, from an intake the API accepts. */
async function recordExam(db: Db, overrides: Partial<ExamIntakeInput>): Promise<string> {
  const examId = newExamId();
  const intake = ExamIntakeSchema.parse(sampleIntake(overrides));
  await db.insertInto('exams').values({
    exam_id: examId, accession_number: intake.accessionNumber, facility_id: intake.facility.id, patient: JSON.stringify(intake.patient),
    coverages: JSON.stringify(intake.coverages), order: JSON.stringify(intake.order), phase: 'submission', status: 'open', scheduled_at: intake.order.scheduledAt,
  }).execute();
  return examId;
}

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

const awkward = {
  patient: {
    mrn: 'MRN-7', firstName: 'Zoë', lastName: "O'Brien*Smith~Jr", birthDate: '1980-02-03', sex: 'F' as const,
    address: { line1: '12 Main St: Apt ^4', line2: 'c/o ~Doe*', city: 'Coeur d’Alene', state: 'ID', postalCode: '83814' },
  },
  coverages: [{ payerId: 'medicare-b', memberId: '1EG4TE5MK73', groupNumber: 'GRP*12:3', relationship: 'child' as const, order: 'primary' as const,
    subscriber: { firstName: 'Ann^e', lastName: 'Smith:Jones', birthDate: '1955-01-01', sex: 'F' as const, address: { line1: '9 Elm *St*', city: 'Boise~', state: 'ID', postalCode: '83702' } } }],
};

describe('claims build for any valid intake', () => {
  it('delimiters and accents in names, addresses and the group number: a valid 837P the payer reads back', async () => {
    const { db } = database;
    const examId = await recordExam(db, awkward);
    const sent = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir, { db }) })(claimSubmission(examId));
    const x12 = readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8');
    expect(validate837PFile(x12).filter((f) => f.severity === 'error')).toEqual([]);
    const claim = parse837P(x12).transactions[0]!.claims[0]!;
    expect(claim.patient).toMatchObject({ name: { lastOrOrgName: "O'BRIEN SMITH JR", firstName: 'ZOE' }, address: { line1: '12 MAIN ST  APT  4', line2: 'C/O  DOE', city: 'COEUR D ALENE' } });
    expect(claim.subscriber).toMatchObject({ name: { lastOrOrgName: 'SMITH JONES', firstName: 'ANN E' }, groupNumber: 'GRP 12 3', address: { line1: '9 ELM  ST', city: 'BOISE' } });
  });

  it('the same exam billed by a hospital outpatient department: a valid 837I', async () => {
    const { db } = database;
    const examId = await recordExam(db, awkward);
    const base = claimSubmission(examId);
    const sent = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir, { db }) })({
      ...base, claimId: `${examId}-T`, idempotencyKey: `${examId}-T:v1`, component: 'technical',
      claim: { ...base.claim, kind: 'technical', form: '837I', placeOfService: '22', lines: [{ ...base.claim.lines[0]!, modifiers: ['TC'] }] },
    });
    const parsed = parse837I(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'));
    expect(parsed.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(validate837I(parsed.transactions[0]!).filter((f) => f.severity === 'error')).toEqual([]);
    expect(parsed.transactions[0]!.claims[0]!.subscriber.groupNumber).toBe('GRP 12 3');
  });
});

describe('a payer added through the payers table is billable', () => {
  async function putPayer(db: Db, policy: Record<string, unknown>): Promise<void> {
    // what PUT /v1/payers/{id} stores
    await db.insertInto('payers').values({ payer_id: String(policy.id), name: String(policy.name), payer_type: String(policy.payerType), active: policy.active !== false, policy: JSON.stringify(policy), updated_by: 'admin-1' }).execute();
  }

  it('its claim goes out under its own name and X12 payer id, and the payer pays it', async () => {
    const { db } = database;
    await putPayer(db, { ...seedPayerPolicy('commercial-a'), id: 'acme-health', name: 'Acme Health Plan', x12PayerId: 'ACME01' });
    const examId = await recordExam(db, { coverages: [{ payerId: 'acme-health', memberId: 'ACM123456', relationship: 'self', order: 'primary' }] });
    const { client, signals } = recordingTemporal();
    const clearinghouse = createSandboxClearinghouse({ deliver: (f) => ingestX12({ db, temporal: client }, { raw: f.x12, source: 'sandbox', fileName: f.name }) });
    const sent = await createSubmitClaim({ db, clearinghouse })(claimSubmission(examId, { payerId: 'acme-health' }));
    const doc = await db.selectFrom('x12_documents').select('raw').where('id', '=', sent.documentId).executeTakeFirstOrThrow();
    expect(parse837P(doc.raw).transactions[0]!.claims[0]!).toMatchObject({ payer: { name: 'ACME HEALTH PLAN', payerId: 'ACME01' }, subscriber: { claimFilingIndicator: 'CI', memberId: 'ACM123456' } });
    expect(signals.map((s) => s.name)).toEqual(['claimAcknowledged', 'claimAcknowledged', 'remittanceReceived']);
  });

  it('a payer without an X12 id, an inactive or unknown payer: a typed failure naming the payer data to fix, nothing recorded', async () => {
    const { db } = database;
    await putPayer(db, { ...seedPayerPolicy('commercial-b'), id: 'closed-plan', name: 'Closed Plan', active: false });
    const submit = createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir, { db }) });
    for (const [payerId, type, pathOf] of [
      ['self-pay', ClaimFailureType.payerWithoutX12Id, 'payers.self-pay.x12PayerId'],
      ['closed-plan', ClaimFailureType.payerUnknown, 'payers.closed-plan'],
      ['no-such-payer', ClaimFailureType.payerUnknown, 'payers.no-such-payer'],
    ] as const) {
      const examId = await recordExam(db, { coverages: [{ payerId, memberId: 'M12345', relationship: 'self', order: 'primary' }] });
      const failure = await failureOf(submit(claimSubmission(examId, { payerId })));
      expect(failure).toMatchObject({ type, nonRetryable: true });
      expect(failure.details).toEqual([expect.objectContaining({ paths: [pathOf] })]);
      expect(await db.selectFrom('claim_submissions').select('id').where('exam_id', '=', examId).execute()).toEqual([]);
    }
  });
});

describe('clear failures for what cannot be built', () => {
  it('an exam without its row: ClaimExamNotRecorded, no PHI in the message', async () => {
    const failure = await failureOf(createSubmitClaim({ db: database.db, clearinghouse: createFiledropClearinghouse(dir, { db: database.db }) })(claimSubmission('ex_not_recorded')));
    expect(failure).toMatchObject({ type: 'ClaimExamNotRecorded', nonRetryable: true });
  });

  it('a replacement of a claim the payer rejected at the door goes out as an original; one the payer took needs its claim number', async () => {
    const { db } = database;
    const examId = await recordExam(db, {});
    const submit = createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir, { db }) });
    await submit(claimSubmission(examId));
    const claimId = `${examId}-G`;
    await db.insertInto('claim_status_history').values({ claim_id: claimId, version: 1, status: 'rejected', source: '277CA', document_id: null, status_codes: ['A7:562'], note: null }).execute();
    const v2 = await submit(claimSubmission(examId, { version: 2, idempotencyKey: `${claimId}:v2`, frequency: '7' }));
    expect(v2.frequency).toBe('1');
    const raw = (await db.selectFrom('x12_documents').select('raw').where('id', '=', v2.documentId).executeTakeFirstOrThrow()).raw;
    expect(parse837P(raw).transactions[0]!.claims[0]).toMatchObject({ frequency: '1' });
    expect(raw).not.toContain('REF*F8');

    // Version 2 accepted by the payer (277CA) but no claim number came with it: a replacement would be blind.
    await db.insertInto('claim_status_history').values({ claim_id: claimId, version: 2, status: 'accepted', source: '277CA', document_id: null, status_codes: ['A1:20'], note: null }).execute();
    const failure = await failureOf(submit(claimSubmission(examId, { version: 3, idempotencyKey: `${claimId}:v3`, frequency: '7' })));
    expect(failure).toMatchObject({ type: ClaimFailureType.payerClaimNumberMissing, nonRetryable: true });
    expect(failure.details).toEqual([expect.objectContaining({ code: 'payer-claim-number-missing', paths: ['claims.payerClaimNumber'] })]);
  });

  it('an appeal of a claim with no payer claim number on file, or of a version never sent: typed failures', async () => {
    const { db } = database;
    const examId = await recordExam(db, {});
    const clearinghouse = createFiledropClearinghouse(dir, { db });
    await createSubmitClaim({ db, clearinghouse })(claimSubmission(examId));
    const submitAppeal = createSubmitAppeal({ db, clearinghouse });
    const appeal = { examId, claimId: `${examId}-G`, version: 1, level: 1, levelName: 'redetermination', payerId: 'medicare-b' };
    expect(await failureOf(submitAppeal(appeal))).toMatchObject({ type: ClaimFailureType.payerClaimNumberMissing, nonRetryable: true });
    expect(await failureOf(submitAppeal({ ...appeal, version: 9 }))).toMatchObject({ type: ClaimFailureType.versionNotSubmitted, nonRetryable: true });
    expect(await db.selectFrom('appeal_submissions').select('level').where('claim_id', '=', `${examId}-G`).execute()).toEqual([]);
  });
});
