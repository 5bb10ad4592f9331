import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createClearinghouse } from '../../activities/clearinghouse/create-clearinghouse';
import { createFiledropClearinghouse } from '../../activities/clearinghouse/filedrop';
import type { ClearinghousePort } from '../../activities/clearinghouse/port';
import { createSandboxClearinghouse } from '../../activities/clearinghouse/sandbox';
import { createPayerExchangeActivities } from '../../activities/payer-exchange';
import type { Db } from '../../db/database';
import { parse270, parse276, parse278Request } from '../../domain/x12';
import { type TestDatabase, createTestDatabase, testConfig } from '../support/test-env';
import { claimSubmission, recordingTemporal } from './claim-fixture';
import { insertExamFor } from './real-time-fixture';

let database: TestDatabase;
let dir: string;
let sandbox: ClearinghousePort;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-realtime-'));
  sandbox = createClearinghouse({ db: database.db, temporal: recordingTemporal().client, config: testConfig() });
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function documents(db: Db, ids: string[]) {
  return db.selectFrom('x12_documents').select(['id', 'direction', 'transaction_type', 'outcome', 'raw', 'source']).where('id', 'in', ids).execute();
}

const eligibilityInput = (examId: string, payerId = 'medicare-b') => ({ examId, payerId, modality: 'MR' as const, dateOfService: '2026-11-25T14:00:00Z' });

describe('checkEligibility (270 -> 271)', () => {
  it('asks about the subscriber on record and reads active coverage; the 270 and the 271 are kept', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).checkEligibility(eligibilityInput(examId));
    expect(result).toMatchObject({ outcome: 'active', reasons: [] });
    expect(result.documentIds).toHaveLength(2);
    const docs = await documents(db, result.documentIds);
    const sent = docs.find((d) => d.direction === 'outbound')!;
    const received = docs.find((d) => d.direction === 'inbound')!;
    expect(sent).toMatchObject({ transaction_type: '270', source: 'sandbox' });
    expect(received).toMatchObject({ transaction_type: '271', outcome: 'eligibility:active' });
    const inquiry = parse270(sent.raw).transactions[0]!.inquiries[0]!;
    expect(inquiry.subscriber).toMatchObject({ memberId: '1EG4TE5MK73', birthDate: '1961-04-12', name: { lastOrOrgName: 'LOVELACE', firstName: 'ADA' } });
    expect(inquiry.serviceDate).toBe('2026-11-25');
    expect(inquiry.serviceTypeCodes).toEqual(['30', '62']);
    // The estimate: Medicare Part B's 20 % coinsurance on the fee schedule amount of the order.
    const estimate = result.estimate!;
    expect(estimate.allowedCents).toBeGreaterThan(0);
    expect(estimate.expectedPatientResponsibilityCents).toBe(Math.round(estimate.allowedCents * 0.2));
    expect(estimate.expectedPatientResponsibilityCents + estimate.expectedPayerPaymentCents).toBe(estimate.allowedCents);
  });

  it('INACTIVE members: inactive, with the reason', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { memberId: 'INACTIVE-001' });
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).checkEligibility(eligibilityInput(examId));
    expect(result).toMatchObject({ outcome: 'inactive', reasons: ['coverage-inactive'] });
  });

  it('PAREQ members: active, and the payer says an authorization is required', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'PAREQ-001' });
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).checkEligibility(eligibilityInput(examId, 'medicare-advantage'));
    expect(result).toMatchObject({ outcome: 'active', reasons: ['authorization-indicated'] });
  });

  it('a patient who is not the subscriber is asked about as a dependent of the subscriber', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, {
      memberId: 'W123456789',
      coverage: { relationship: 'child', subscriber: { firstName: 'Charles', lastName: 'Babbage', birthDate: '1950-12-26', sex: 'M' } },
    });
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).checkEligibility(eligibilityInput(examId));
    expect(result.outcome).toBe('active');
    const sent = (await documents(db, result.documentIds)).find((d) => d.direction === 'outbound')!;
    const inquiry = parse270(sent.raw).transactions[0]!.inquiries[0]!;
    expect(inquiry.subscriber).toMatchObject({ memberId: 'W123456789', name: { lastOrOrgName: 'BABBAGE' } });
    expect(inquiry.dependent).toMatchObject({ relationship: '19', name: { lastOrOrgName: 'LOVELACE', firstName: 'ADA' } });
  });

  it('filedrop has no real-time path: payer unavailable, the 270 kept as not answered', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    const result = await createPayerExchangeActivities({ db, clearinghouse: createFiledropClearinghouse(dir) }).checkEligibility(eligibilityInput(examId));
    expect(result).toMatchObject({ outcome: 'payer-unavailable', reasons: ['no-response'] });
    expect(await documents(db, result.documentIds)).toEqual([expect.objectContaining({ transaction_type: '270', outcome: 'no-response', source: 'filedrop' })]);
  });

  it('an unreadable 271: payer unavailable with a reason code, the answer kept as received', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    const garbled: ClearinghousePort = { ...sandbox, eligibility: async () => 'ISA*this is not a 271~' };
    const result = await createPayerExchangeActivities({ db, clearinghouse: garbled }).checkEligibility(eligibilityInput(examId));
    expect(result).toMatchObject({ outcome: 'payer-unavailable', reasons: ['unreadable-271'] });
    const docs = await documents(db, result.documentIds);
    expect(docs.find((d) => d.direction === 'inbound')).toMatchObject({ outcome: 'unreadable', raw: 'ISA*this is not a 271~' });
  });

  it('an exam that is not recorded is not a crash', async () => {
    const result = await createPayerExchangeActivities({ db: database.db, clearinghouse: sandbox }).checkEligibility(eligibilityInput('ex_missing'));
    expect(result).toEqual({ outcome: 'payer-unavailable', reasons: ['exam-not-recorded'], documentIds: [] });
  });
});

describe('requestPriorAuth (278 request -> response)', () => {
  const request = (examId: string) => ({ examId, payerId: 'medicare-advantage', procedures: ['72148'], scheduledAt: '2026-11-25T14:00:00Z', urgent: false, placeOfService: '11' });

  it('PAREQ: approved with the authorization, kept on file for the patient with the 278 response', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'PAREQ-778' });
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).requestPriorAuth(request(examId));
    expect(result.decision).toBe('approved');
    expect(result.authorization).toMatchObject({ payerId: 'medicare-advantage', cpts: ['72148'], unitsAuthorized: 1, unitsUsed: 0, validFrom: '2026-11-25', validTo: '2027-01-24', status: 'approved' });
    const docs = await documents(db, result.documentIds);
    const sent = docs.find((d) => d.direction === 'outbound')!;
    expect(parse278Request(sent.raw).transactions[0]).toMatchObject({ subscriber: { memberId: 'PAREQ-778' }, diagnoses: ['M5416'], services: [{ procedure: { code: '72148' }, units: 1 }] });
    const onFile = await db.selectFrom('prior_authorizations').selectAll().where('auth_number', '=', result.authorization!.authNumber).execute();
    expect(onFile).toEqual([expect.objectContaining({ source: '278', source_exam_id: examId, units_authorized: 1, document_id: docs.find((d) => d.direction === 'inbound')!.id })]);
    expect(onFile[0]!.patient_key).not.toContain('PAREQ');
  });

  it('PADENY: denied with the reason, nothing on file', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'PADENY-1' });
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).requestPriorAuth(request(examId));
    expect(result).toMatchObject({ decision: 'denied', reason: 'not certified' });
    expect(result.authorization).toBeUndefined();
  });

  it('other members: pended for review, staff follow up', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'MA-77001' });
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).requestPriorAuth(request(examId));
    expect(result).toMatchObject({ decision: 'pending', reason: 'review A4' });
  });

  it('filedrop: pending, the request kept as not answered', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'PAREQ-9' });
    const result = await createPayerExchangeActivities({ db, clearinghouse: createFiledropClearinghouse(dir) }).requestPriorAuth(request(examId));
    expect(result).toMatchObject({ decision: 'pending', reason: 'no-response' });
  });
});

describe('claimStatusInquiry (276 -> 277)', () => {
  it('NORESP: the payer has the claim and it is pending; the status is in the claim history (source 277)', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { memberId: 'NORESP-5' });
    await createSubmitClaim({ db, clearinghouse: sandbox })(claimSubmission(examId));
    const claimId = `${examId}-G`;
    const result = await createPayerExchangeActivities({ db, clearinghouse: sandbox }).claimStatusInquiry({ examId, claimId, payerId: 'medicare-b' });
    expect(result).toMatchObject({ answered: true, category: 'P1', statusCodes: ['P1:20'], status: 'pending' });
    const history = await db.selectFrom('claim_status_history').selectAll().where('claim_id', '=', claimId).where('source', '=', '277').execute();
    expect(history).toEqual([expect.objectContaining({ status: 'pending', status_codes: ['P1:20'], document_id: result.documentIds[1], version: 1 })]);
    const sent = (await documents(db, result.documentIds)).find((d) => d.direction === 'outbound')!;
    expect(parse276(sent.raw).transactions[0]!.claims[0]).toMatchObject({ claimId, chargeCents: 150000, serviceDate: '2026-11-25', subscriber: { memberId: 'NORESP-5' } });
  });

  it('a claim the payer never received: not found', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    // The claim went to a mailbox, not to this payer.
    await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
    const otherPayer = createSandboxClearinghouse({ deliver: async () => undefined });
    const result = await createPayerExchangeActivities({ db, clearinghouse: otherPayer }).claimStatusInquiry({ examId, claimId: `${examId}-G`, payerId: 'medicare-b' });
    expect(result).toMatchObject({ answered: true, category: 'A4', status: 'not-found' });
  });

  it('no claim on file, or no real-time path: not answered, nothing recorded', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    const activities = createPayerExchangeActivities({ db, clearinghouse: createFiledropClearinghouse(dir) });
    expect(await activities.claimStatusInquiry({ examId, claimId: 'CLM-UNKNOWN', payerId: 'medicare-b' })).toMatchObject({ answered: false, reason: 'claim-not-on-file' });
    await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
    expect(await activities.claimStatusInquiry({ examId, claimId: `${examId}-G`, payerId: 'medicare-b' })).toMatchObject({ answered: false, reason: 'no-response' });
    expect(await db.selectFrom('claim_status_history').selectAll().where('claim_id', '=', `${examId}-G`).where('source', '=', '277').execute()).toEqual([]);
  });
});
