import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { beginDelivery, deliverItems, finishDelivery } from '../../../activities/ingestion/deliver-inbound-file';
import { ingestionLimits } from '../../../activities/ingestion/ingestion-limits';
import { type ReceivedFile, receiveInboundFile } from '../../../activities/ingestion/receive-inbound-file';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile, type SandboxResponseFile } from '../../../domain/sandbox-payer';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, insertExam, recordingTemporal } from '../claim-fixture';

/** the X12 fixtures in the repository (provenance: test/fixtures/x12/SOURCES.md) */
const SAMPLES = path.resolve(__dirname, '../../fixtures/x12');

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-ingest-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Submit a claim through the filedrop (nothing answers) and let the sandbox payer answer the file. */
async function submittedWithResponses(memberId = '1EG4TE5MK73'): Promise<{ examId: string; responses: Record<string, SandboxResponseFile> }> {
  const { db } = database;
  const examId = await insertExam(db, memberId);
  const result = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
  const x12 = readFileSync(path.join(dir, 'outbox', result.fileName), 'utf8');
  const files = respondToClaimFile(x12, bundledRefData(), { date: '2026-12-01', time: '0900' });
  return { examId, responses: Object.fromEntries(files.map((f) => [f.transactionType, f])) };
}

const LIMITS = ingestionLimits({});

/** The 999 with its one AK2 loop repeated so that the file holds `loops` acknowledgments of transaction sets no one sent. */
function repeated999(x12: string, loops: number): string {
  const loop = 'AK2*837*9999*005010X222A1~IK5*A~';
  return x12.replace(/AK2\*837\*[^~]*~\s*IK5\*[^~]*~\s*/, loop.repeat(loops)).replace(/AK9\*A\*1\*1\*1/, `AK9*A*${loops}*${loops}*${loops}`);
}

describe('receiving a payer file', () => {
  it('stores a file once: the same bytes, or an 835 with the same payer and trace number, answer the first file', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses();
    const first = await receiveInboundFile(db, { raw: responses['835']!.x12, source: 'api' }, LIMITS);
    expect(first).toMatchObject({ ok: true, duplicate: false, status: 'received', transactionType: '835', payerId: 'medicare-b', claimCount: 1 });
    const { fileId } = first as ReceivedFile;
    // nothing is delivered at receipt: the claim is listed, pending
    expect(await db.selectFrom('ingestion_items').select(['claim_reference', 'outcome']).where('file_id', '=', fileId).execute()).toEqual([{ claim_reference: `${examId}-G`, outcome: null }]);
    expect(await db.selectFrom('claim_status_history').select('id').where('claim_id', '=', `${examId}-G`).where('source', '=', '835').execute()).toEqual([]);

    expect(await receiveInboundFile(db, { raw: responses['835']!.x12, source: 'inbox' }, LIMITS)).toMatchObject({ ok: true, duplicate: true, fileId, status: 'received' });
    // another rendering of the same payment (other envelope control numbers): same payer and trace number
    const reEnveloped = responses['835']!.x12.replace(/\*000000\d{3}\*0\*T\*:~/, '*000000999*0*T*:~');
    expect(reEnveloped).not.toBe(responses['835']!.x12);
    expect(await receiveInboundFile(db, { raw: reEnveloped, source: 'api' }, LIMITS)).toMatchObject({ ok: true, duplicate: true, fileId });
    expect(await db.selectFrom('remittances').select('document_id').where('document_id', '=', fileId).execute()).toHaveLength(1);
  });

  it('refuses a file over the limits before storing anything: bytes, segments (a 999 of 100,000 segments), claims', async () => {
    const { db } = database;
    const { responses } = await submittedWithResponses();
    const count = async () => Number((await db.selectFrom('x12_documents').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const huge = repeated999(responses['999']!.x12, 50_000);
    expect(huge.split('~').length).toBeGreaterThan(100_000);
    expect(await receiveInboundFile(db, { raw: huge, source: 'api' }, LIMITS)).toMatchObject({ ok: false, refusal: 'too-many-segments', error: { code: 'TOO_MANY_SEGMENTS' } });
    expect(await receiveInboundFile(db, { raw: huge, source: 'api' }, { ...LIMITS, maxFileBytes: 1000 })).toMatchObject({ ok: false, refusal: 'too-large' });
    expect(await receiveInboundFile(db, { raw: repeated999(responses['999']!.x12, 30), source: 'api' }, { ...LIMITS, maxClaims: 20 })).toMatchObject({ ok: false, refusal: 'too-many-claims', error: { code: 'TOO_MANY_CLAIMS' } });
    expect(await count()).toBe(before);
  });

  it('answers unreadable input with a typed error naming the segment, and stores nothing', async () => {
    const { db } = database;
    const before = await db.selectFrom('x12_documents').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const garbage = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: 'this is not X12', source: 'api' });
    expect(garbage).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    const broken = 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *261201*0900*^*00501*000000001*0*T*:~GS*HP*A*B*20261201*0900*1*X*005010X221A1~BPR*I*0*C*NON************20261201~ST*835*0001~SE*2*0001~GE*1*1~IEA*1*000000001~';
    const bad = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: broken, source: 'api' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ segmentPosition: 3, segmentId: 'BPR' });
    const after = await db.selectFrom('x12_documents').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('delivering a stored file', () => {
  it('writes the claim rows before the exam is signalled, and delivers a claim once however often its batch runs', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses();
    const claimId = `${examId}-G`;
    const seenAtSignal: string[] = [];
    const signals: string[] = [];
    const temporal = {
      workflow: {
        getHandle: () => ({
          describe: async () => ({ status: { name: 'RUNNING' } }),
          signal: async (def: { name: string }) => {
            const row = await db.selectFrom('claims').select('status').where('claim_id', '=', claimId).executeTakeFirstOrThrow();
            seenAtSignal.push(row.status);
            signals.push(def.name);
          },
        }),
      },
    } as unknown as Client;
    const received = (await receiveInboundFile(db, { raw: responses['835']!.x12, source: 'api' }, LIMITS)) as ReceivedFile;
    await beginDelivery({ db, temporal }, received.fileId);
    const delivered = await deliverItems({ db, temporal }, { fileId: received.fileId, from: 0, to: 1 });
    expect(delivered).toEqual([expect.objectContaining({ claimReference: claimId, examId, claimId, claimStatus: 'paid', outcome: 'signaled' })]);
    expect(seenAtSignal).toEqual(['paid']);
    // the batch again (a retry after its result was lost): nothing more
    expect(await deliverItems({ db, temporal }, { fileId: received.fileId, from: 0, to: 1 })).toEqual([]);
    // the item's record lost in a crash after the signal: delivered again, the claim's rows written once (the exam dedupes its signal)
    await db.updateTable('ingestion_items').set({ outcome: null }).where('file_id', '=', received.fileId).execute();
    expect(await deliverItems({ db, temporal }, { fileId: received.fileId, from: 0, to: 1 })).toHaveLength(1);
    expect(signals).toEqual(['remittanceReceived', 'remittanceReceived']);
    expect(await db.selectFrom('claim_status_history').select('status').where('claim_id', '=', claimId).where('source', '=', '835').execute()).toEqual([{ status: 'paid' }]);
    expect(await finishDelivery({ db, temporal }, received.fileId)).toMatchObject({ claimCount: 1, unmatched: 0, unmatchedTaskId: null });
    expect(await db.selectFrom('ingestion_files').select('status').where('file_id', '=', received.fileId).executeTakeFirst()).toEqual({ status: 'delivered' });
  });

  it('routes a 999 by the 837 control number and a 277CA by the claim id', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses('REJECT01');
    const { client, signals } = recordingTemporal();
    const ack = await ingestX12({ db, temporal: client }, { raw: responses['999']!.x12, source: 'inbox' });
    expect(ack).toMatchObject({ ok: true, transactionType: '999', claims: [{ claimId: `${examId}-G`, status: 'acknowledged' }] });
    const ca = await ingestX12({ db, temporal: client }, { raw: responses['277CA']!.x12, source: 'inbox' });
    expect(ca).toMatchObject({ ok: true, transactionType: '277CA', claims: [{ claimId: `${examId}-G`, status: 'rejected' }] });
    expect(signals.map((s) => [s.name, (s.arg as { kind: string; accepted: boolean }).kind, (s.arg as { accepted: boolean }).accepted])).toEqual([
      ['claimAcknowledged', '999', true],
      ['claimAcknowledged', '277CA', false],
    ]);
    expect((signals[1]!.arg as { statusCodes: string[] }).statusCodes[0]).toMatch(/^A7:/);
    expect(await ingestX12({ db, temporal: client }, { raw: responses['277CA']!.x12, source: 'inbox' })).toMatchObject({ ok: true, duplicate: true, claims: [] });
    expect(signals).toHaveLength(2);
  });

  it('the unmatched claims of one file are ONE remittance-unmatched work item listing them', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses();
    const foreign = responses['835']!.x12.replaceAll(`${examId}-G`, 'SOMEONE-ELSES-CLAIM').replace(/TRN\*1\*SBX/, 'TRN*1*XYZ');
    const result = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: foreign, source: 'api' });
    expect(result).toMatchObject({ ok: true, duplicate: false, unmatched: 1, claims: [{ claimId: 'SOMEONE-ELSES-CLAIM', signaled: false, delivery: 'unmatched' }] });
    const rows = await db.selectFrom('unmatched_remittance_claims').selectAll().where('claim_reference', '=', 'SOMEONE-ELSES-CLAIM').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ transaction_type: '835', status: 'open', payer_id: 'medicare-b', task_id: `rmu_${(result as { documentId: string }).documentId}` });

    // a 999 acknowledging 300 transaction sets no one sent: one task, listing them
    const many = repeated999(responses['999']!.x12, 300).replace(/AK2\*837\*9999\*/g, () => `AK2*837*X${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}*`);
    const tasksBefore = Number((await db.selectFrom('tasks').select(db.fn.countAll<string>().as('n')).where('type', '=', 'remittance-unmatched').executeTakeFirstOrThrow()).n);
    const acks = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: many, source: 'api' });
    expect(acks).toMatchObject({ ok: true, transactionType: '999' });
    const { documentId } = acks as { documentId: string };
    const unmatched = await db.selectFrom('unmatched_remittance_claims').select(['task_id']).where('document_id', '=', documentId).execute();
    expect(unmatched.length).toBeGreaterThan(250);
    expect(new Set(unmatched.map((u) => u.task_id))).toEqual(new Set([`rmu_${documentId}`]));
    const tasksAfter = Number((await db.selectFrom('tasks').select(db.fn.countAll<string>().as('n')).where('type', '=', 'remittance-unmatched').executeTakeFirstOrThrow()).n);
    expect(tasksAfter - tasksBefore).toBe(1);
    const task = await db.selectFrom('tasks').select(['context', 'queue', 'exam_id']).where('task_id', '=', `rmu_${documentId}`).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ queue: 'biller', exam_id: null, context: { transactionType: '999', claimCount: unmatched.length, documentId } });
    expect((task.context as { claims: unknown[] }).claims).toHaveLength(100);
  });

  it('ingests every 835, 999 and 277CA sample without throwing', async () => {
    const { db } = database;
    const files = ['835', '999', '277ca'].flatMap((d) => readdirSync(path.join(SAMPLES, d)).map((f) => path.join(SAMPLES, d, f)));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const result = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: new Uint8Array(readFileSync(file)), source: 'api' });
      expect(typeof result.ok).toBe('boolean');
    }
  });
});
