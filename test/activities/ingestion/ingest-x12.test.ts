import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
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

describe('ingestX12', () => {
  it('takes an 835 once: the second identical file is a no-op that says so', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses();
    const { client, signals } = recordingTemporal();
    const first = await ingestX12({ db, temporal: client }, { raw: responses['835']!.x12, source: 'api' });
    expect(first).toMatchObject({ ok: true, duplicate: false, transactionType: '835', payerId: 'medicare-b', claims: [{ claimId: `${examId}-G`, examId, status: 'paid', signaled: true }] });
    const second = await ingestX12({ db, temporal: client }, { raw: responses['835']!.x12, source: 'api' });
    expect(second).toMatchObject({ ok: true, duplicate: true, claims: [] });
    expect(signals).toHaveLength(1);
    expect(await db.selectFrom('remittances').selectAll().where('trace_number', '=', (first as { traceNumber: string }).traceNumber).execute()).toHaveLength(1);
    const history = await db.selectFrom('claim_status_history').select('status').where('claim_id', '=', `${examId}-G`).where('source', '=', '835').execute();
    expect(history).toHaveLength(1);
  });

  it('an 835 whose signals did not all leave is delivered again when the same file comes back', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses();
    const down = { workflow: { getHandle: () => ({ signal: async () => { throw new Error('unavailable'); } }) } } as unknown as Client;
    await expect(ingestX12({ db, temporal: down }, { raw: responses['835']!.x12, source: 'inbox' })).rejects.toThrow('unavailable');
    const { client, signals } = recordingTemporal();
    const retry = await ingestX12({ db, temporal: client }, { raw: responses['835']!.x12, source: 'inbox' });
    expect(retry).toMatchObject({ ok: true, duplicate: true, claims: [{ claimId: `${examId}-G`, signaled: true }] });
    expect(signals).toHaveLength(1);
    expect(await ingestX12({ db, temporal: client }, { raw: responses['835']!.x12, source: 'inbox' })).toMatchObject({ duplicate: true, claims: [] });
    expect(signals).toHaveLength(1);
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
    expect(await ingestX12({ db, temporal: client }, { raw: responses['277CA']!.x12, source: 'inbox' })).toMatchObject({ ok: true, duplicate: true });
  });

  it('records a claim payment for a claim that is not ours as remittance-unmatched work', async () => {
    const { db } = database;
    const { examId, responses } = await submittedWithResponses();
    const foreign = responses['835']!.x12.replaceAll(`${examId}-G`, 'SOMEONE-ELSES-CLAIM').replace(/TRN\*1\*SBX/, 'TRN*1*XYZ');
    const result = await ingestX12({ db, temporal: recordingTemporal().client }, { raw: foreign, source: 'api' });
    expect(result).toMatchObject({ ok: true, duplicate: false, unmatched: 1, claims: [{ claimId: 'SOMEONE-ELSES-CLAIM', signaled: false }] });
    const rows = await db.selectFrom('unmatched_remittance_claims').selectAll().where('claim_reference', '=', 'SOMEONE-ELSES-CLAIM').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ transaction_type: '835', status: 'open', payer_id: 'medicare-b' });
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
