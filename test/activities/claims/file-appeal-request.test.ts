import { createFileAppealRequest } from '../../../activities/claims/file-appeal-request';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import type { ClearinghousePort } from '../../../activities/clearinghouse/port';
import { createSandboxClearinghouse } from '../../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { appealDocumentId } from '../../../domain/appeals';
import type { AppealRequestFiling } from '../../../workflows/exam/claim-submission';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, insertExam, recordingTemporal } from '../claim-fixture';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const filing = (examId: string): AppealRequestFiling => ({
  examId, claimId: `${examId}-G`, version: 1, level: 1, levelName: 'redetermination', payerId: 'medicare-b',
  vehicle: 'redetermination-request', form: 'CMS-20027', documentId: appealDocumentId(`${examId}-G`, 1, 1),
  deadline: '2027-04-05', remittanceDate: '2026-12-06', filedAt: '2026-12-06T10:00:00.000Z',
});

describe('fileAppealRequest', () => {
  it('a redetermination request is rendered, stored once, filed with the sandbox payer (no 837 sent), which pays the claim', async () => {
    const { db } = database;
    const examId = await insertExam(db, 'DENY50');
    const { client, signals } = recordingTemporal();
    const clearinghouse = createSandboxClearinghouse({ deliver: (f) => ingestX12({ db, temporal: client }, { raw: f.x12, source: 'sandbox', fileName: f.name }) });
    await createSubmitClaim({ db, clearinghouse })(claimSubmission(examId));
    expect(signals.at(-1)!.arg).toMatchObject({ adjudication: { statusCode: '4' } });
    const outbound = async () => (await db.selectFrom('x12_documents').select('id').where('direction', '=', 'outbound').execute()).length;
    const sentBefore = await outbound();

    const file = createFileAppealRequest({ db, clearinghouse });
    const first = await file(filing(examId));
    expect(first).toEqual({ documentId: filing(examId).documentId, status: 'filed' });
    const doc = await db.selectFrom('documents').select(['kind', 'content_type', 'bytes', 'claim_id']).where('id', '=', first.documentId).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'appeal-letter', content_type: 'application/pdf', claim_id: `${examId}-G` });
    expect(doc.bytes.toString('latin1')).toContain('Medicare Redetermination Request');
    const row = await db.selectFrom('appeal_requests').selectAll().where('claim_id', '=', `${examId}-G`).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 1, vehicle: 'redetermination-request', form: 'CMS-20027', status: 'filed', deadline: '2027-04-05', remittance_date: '2026-12-06' });
    expect(row.disputed_cents).toBeGreaterThan(0);
    // the payer's decision came back as an 835 (paid), and no claim file went out
    expect(signals.at(-1)!.arg).toMatchObject({ adjudication: { statusCode: '1' } });
    expect(await outbound()).toBe(sentBefore);

    const count = signals.length;
    expect(await file(filing(examId))).toEqual(first);
    expect(signals).toHaveLength(count);
  });

  it('with no electronic path (filedrop), the request waits for staff to send it', async () => {
    const { db } = database;
    const examId = await insertExam(db, 'DENY50');
    const { client } = recordingTemporal();
    const sandbox = createSandboxClearinghouse({ deliver: (f) => ingestX12({ db, temporal: client }, { raw: f.x12, source: 'sandbox', fileName: f.name }) });
    await createSubmitClaim({ db, clearinghouse: sandbox })(claimSubmission(examId));
    const submitted: string[] = [];
    const noAppealPath: ClearinghousePort = { ...sandbox, kind: 'filedrop', fileAppealRequest: undefined, submit: async (f) => void submitted.push(f.name) };
    const result = await createFileAppealRequest({ db, clearinghouse: noAppealPath })(filing(examId));
    expect(result.status).toBe('to-send');
    expect(submitted).toEqual([]);
    const history = await db.selectFrom('claim_status_history').select(['status', 'note']).where('claim_id', '=', `${examId}-G`).where('status', '=', 'appealed').execute();
    expect(history).toEqual([expect.objectContaining({ note: expect.stringContaining('redetermination-request (CMS-20027)') })]);
  });
});
