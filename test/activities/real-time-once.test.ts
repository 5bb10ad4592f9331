import { createClearinghouse } from '../../activities/clearinghouse/create-clearinghouse';
import { createFiledropClearinghouse } from '../../activities/clearinghouse/filedrop';
import type { ClearinghousePort } from '../../activities/clearinghouse/port';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createPayerExchangeActivities } from '../../activities/payer-exchange';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TestDatabase, createTestDatabase, testConfig } from '../support/test-env';
import { claimSubmission, recordingTemporal } from './claim-fixture';
import { insertExamFor } from './real-time-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-realtime-once-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The sandbox payer, counting the requests it is asked (what the payer would see). */
function countingSandbox(): { port: ClearinghousePort; asked: string[] } {
  const sandbox = createClearinghouse({ db: database.db, temporal: recordingTemporal().client, config: testConfig() });
  const asked: string[] = [];
  return {
    asked,
    port: {
      ...sandbox,
      eligibility: async (x12) => { asked.push(x12); return sandbox.eligibility(x12); },
      priorAuthorization: async (x12) => { asked.push(x12); return sandbox.priorAuthorization(x12); },
      claimStatus: async (x12) => { asked.push(x12); return sandbox.claimStatus(x12); },
    },
  };
}

const eligibility = (examId: string) => ({ examId, payerId: 'medicare-b', modality: 'MR' as const, dateOfService: '2026-11-25T14:00:00Z' });

describe('real-time requests are sent once per request key', () => {
  it('a 270 retried returns the stored 271 without asking the payer again', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    const { port, asked } = countingSandbox();
    const first = await createPayerExchangeActivities({ db, clearinghouse: port }).checkEligibility(eligibility(examId));
    expect(first.outcome).toBe('active');
    // the retry runs in another worker
    const retried = await createPayerExchangeActivities({ db, clearinghouse: port }).checkEligibility(eligibility(examId));
    expect(retried).toEqual(first);
    expect(asked).toHaveLength(1);

    // Killed after the 271 was stored and before it was read: the retry reads the stored 271.
    await db.updateTable('real_time_requests').set({ result: null }).where('exam_id', '=', examId).execute();
    expect(await createPayerExchangeActivities({ db, clearinghouse: port }).checkEligibility(eligibility(examId))).toEqual(first);
    expect(asked).toHaveLength(1);
    expect(await db.selectFrom('x12_documents').select('id').where('transaction_type', 'in', ['270', '271']).where('id', 'in', first.documentIds).execute()).toHaveLength(2);
  });

  it('killed between the send and the answer: the retry sends the same recorded 270, not a new one', async () => {
    const { db } = database;
    const examId = await insertExamFor(db);
    const { port, asked } = countingSandbox();
    const dies: ClearinghousePort = { ...port, eligibility: async (x12) => { await port.eligibility(x12); throw new Error('worker killed'); } };
    await expect(createPayerExchangeActivities({ db, clearinghouse: dies }).checkEligibility(eligibility(examId))).rejects.toThrow('worker killed');
    const result = await createPayerExchangeActivities({ db, clearinghouse: port }).checkEligibility(eligibility(examId));
    expect(result.outcome).toBe('active');
    expect(asked).toHaveLength(2);
    expect(asked[1]).toBe(asked[0]);
  });

  it('a 278 asked twice at once goes to the payer once; another question (an explicit key) is asked', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'PAREQ-4242' });
    const { port, asked } = countingSandbox();
    const request = { examId, payerId: 'medicare-advantage', procedures: ['72148'], scheduledAt: '2026-11-25T14:00:00Z', urgent: false };
    const [a, b] = await Promise.all([
      createPayerExchangeActivities({ db, clearinghouse: port }).requestPriorAuth(request),
      createPayerExchangeActivities({ db, clearinghouse: port }).requestPriorAuth(request),
    ]);
    expect(a.decision).toBe('approved');
    expect(b).toEqual(a);
    expect(asked).toHaveLength(1);
    await createPayerExchangeActivities({ db, clearinghouse: port }).requestPriorAuth({ ...request, requestKey: `prior-auth:${examId}:2` });
    expect(asked).toHaveLength(2);
  });

  it('a 276 retried the same day returns the stored 277; one the payer never answered is asked anew', async () => {
    const { db } = database;
    const examId = await insertExamFor(db, { memberId: 'NORESP-77' });
    const { port, asked } = countingSandbox();
    await createSubmitClaim({ db, clearinghouse: port })(claimSubmission(examId));
    const inquiry = { examId, claimId: `${examId}-G`, payerId: 'medicare-b' };
    const first = await createPayerExchangeActivities({ db, clearinghouse: port }).claimStatusInquiry(inquiry);
    expect(first).toMatchObject({ answered: true, status: 'pending' });
    expect(await createPayerExchangeActivities({ db, clearinghouse: port }).claimStatusInquiry(inquiry)).toEqual(first);
    expect(asked).toHaveLength(1);
    expect(await db.selectFrom('claim_status_history').select('id').where('claim_id', '=', inquiry.claimId).where('source', '=', '277').execute()).toHaveLength(1);

    const unanswered = await insertExamFor(db);
    const filedrop = createPayerExchangeActivities({ db, clearinghouse: createFiledropClearinghouse(dir, { db }) });
    const once = await filedrop.checkEligibility(eligibility(unanswered));
    const again = await filedrop.checkEligibility(eligibility(unanswered));
    expect(again.reasons).toEqual(['no-response']);
    expect(again.documentIds[0]).not.toBe(once.documentIds[0]);
  });
});
