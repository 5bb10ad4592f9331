import { createSubmitAppeal } from '../../../activities/claims/submit-appeal';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createSandboxClearinghouse } from '../../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, insertExam, recordingTemporal } from '../claim-fixture';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('submitAppeal', () => {
  it('a DENY claim is appealed once as a replacement claim and the sandbox pays it', async () => {
    const { db } = database;
    const examId = await insertExam(db, 'DENY197');
    const { client, signals } = recordingTemporal();
    const clearinghouse = createSandboxClearinghouse({ deliver: (f) => ingestX12({ db, temporal: client }, { raw: f.x12, source: 'sandbox', fileName: f.name }) });
    await createSubmitClaim({ db, clearinghouse })(claimSubmission(examId));
    expect(signals.at(-1)!.arg).toMatchObject({ adjudication: { statusCode: '4' } });

    const submitAppeal = createSubmitAppeal({ db, clearinghouse });
    const appeal = { examId, claimId: `${examId}-G`, version: 1, level: 1, levelName: 'redetermination', payerId: 'medicare-b' };
    const first = await submitAppeal(appeal);
    expect(first).toMatchObject({ submitted: true, fileName: `837P-${examId}-G-v1-appeal1.x12` });
    const doc = await db.selectFrom('x12_documents').select('raw').where('id', '=', first.documentId).executeTakeFirstOrThrow();
    expect(doc.raw).toMatch(/CLM\*[^~]*\*11:B:7\*/);
    expect(doc.raw).toMatch(/REF\*F8\*SBX/);
    const acks = signals.filter((s) => s.name === 'claimAcknowledged');
    expect(acks.at(-2)!.arg).toMatchObject({ kind: '999', claimId: `${examId}-G`, accepted: true });
    expect(signals.at(-1)!.arg).toMatchObject({ adjudication: { statusCode: '1' } });
    const claim = await db.selectFrom('claims').select('status').where('claim_id', '=', `${examId}-G`).executeTakeFirstOrThrow();
    expect(claim.status).toBe('paid');

    const count = signals.length;
    expect(await submitAppeal(appeal)).toMatchObject({ submitted: false, documentId: first.documentId });
    expect(signals).toHaveLength(count);
  });
});
