import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitAppeal } from '../../../activities/claims/submit-appeal';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { type FiledropLedger, postgresFiledropLedger } from '../../../activities/clearinghouse/filedrop-ledger';
import type { ClearinghousePort } from '../../../activities/clearinghouse/port';
import { createSandboxClearinghouse } from '../../../activities/clearinghouse/sandbox';
import { postgresSandboxReceipts } from '../../../activities/clearinghouse/sandbox-receipts';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import type { Db } from '../../../db/database';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, insertExam, recordingTemporal, type SentSignal } from '../claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-outbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(async () => database?.drop());

/** The sandbox payer as a worker process builds it: its memory in PostgreSQL, each processed file logged. */
function sandboxProcess(db: Db, signals: { client: ReturnType<typeof recordingTemporal>['client'] }, receiptLog: string): ClearinghousePort {
  return createSandboxClearinghouse({
    deliver: (f) => ingestX12({ db, temporal: signals.client }, { raw: f.x12, source: 'sandbox', fileName: f.name }),
    receipts: postgresSandboxReceipts(db),
    receiptLog,
  });
}

/** A port that delivers and then dies before answering (the worker killed between the send and marking it sent). */
function diesAfterSending(port: ClearinghousePort): ClearinghousePort {
  return { ...port, submit: async (file) => { await port.submit(file); throw new Error('worker killed after the send'); } };
}

const receipts = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
const named = (signals: SentSignal[], name: string) => signals.filter((s) => s.name === name);

describe('the sandbox payer processes each claim file once', () => {
  it('a worker killed after the send and before marking it sent: the retry sends the recorded file, the payer processes it once', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const log = path.join(dir, 'receipts.log');
    const temporal = recordingTemporal();
    const input = claimSubmission(examId);

    await expect(createSubmitClaim({ db, clearinghouse: diesAfterSending(sandboxProcess(db, temporal, log)) })(input)).rejects.toThrow('worker killed');
    const row = await db.selectFrom('claim_submissions').select(['status']).where('claim_id', '=', input.claimId).executeTakeFirstOrThrow();
    expect(row.status).toBe('prepared');

    // The retry runs in a new worker process: a new sandbox, the same database.
    const retried = await createSubmitClaim({ db, clearinghouse: sandboxProcess(db, temporal, log) })(input);
    expect(retried).toMatchObject({ submitted: true, fileName: `837P-${input.claimId}-v1.x12` });
    expect(receipts(log)).toEqual([retried.fileName]);
    expect(named(temporal.signals, 'remittanceReceived')).toHaveLength(1);
    const sent = await db.selectFrom('claim_submissions').select(['status']).where('claim_id', '=', input.claimId).executeTakeFirstOrThrow();
    expect(sent.status).toBe('sent');
    expect(await createSubmitClaim({ db, clearinghouse: sandboxProcess(db, temporal, log) })(input)).toMatchObject({ submitted: false });
    expect(receipts(log)).toHaveLength(1);
  });

  it('two concurrent submits of one version: one submission, one file processed', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const log = path.join(dir, 'receipts.log');
    const temporal = recordingTemporal();
    const input = claimSubmission(examId);
    const results = await Promise.all([
      createSubmitClaim({ db, clearinghouse: sandboxProcess(db, temporal, log) })(input),
      createSubmitClaim({ db, clearinghouse: sandboxProcess(db, temporal, log) })(input),
    ]);
    expect(new Set(results.map((r) => r.documentId)).size).toBe(1);
    expect(receipts(log)).toEqual([results[0]!.fileName]);
    expect(await db.selectFrom('claim_submissions').select('id').where('claim_id', '=', input.claimId).execute()).toHaveLength(1);
    expect(named(temporal.signals, 'remittanceReceived')).toHaveLength(1);
  });

  it('a sandbox created anew (a restarted process) does not process a file it received before', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const log = path.join(dir, 'receipts.log');
    const temporal = recordingTemporal();
    const file = { name: `837P-${examId}-G-v1.x12`, x12: '' };
    // The exact file the engine sent, handed to the payer by a first process...
    const sent = await createSubmitClaim({ db, clearinghouse: sandboxProcess(db, temporal, log) })(claimSubmission(examId));
    file.x12 = (await db.selectFrom('x12_documents').select('raw').where('id', '=', sent.documentId).executeTakeFirstOrThrow()).raw;
    const signalsBefore = temporal.signals.length;
    // ...and again to a payer that has just restarted.
    await sandboxProcess(db, temporal, log).submit(file);
    expect(receipts(log)).toEqual([file.name]);
    expect(temporal.signals).toHaveLength(signalsBefore);
  });
});

describe('the filedrop hands each claim file over once', () => {
  it('a file the transfer agent took from the outbox is not written again on retry', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const input = claimSubmission(examId);
    const filedrop = () => createFiledropClearinghouse(dir, { db });
    await expect(createSubmitClaim({ db, clearinghouse: diesAfterSending(filedrop()) })(input)).rejects.toThrow('worker killed');
    const outbox = path.join(dir, 'outbox');
    expect(readdirSync(outbox)).toEqual([`837P-${input.claimId}-v1.x12`]);
    rmSync(path.join(outbox, `837P-${input.claimId}-v1.x12`)); // the transfer agent takes it

    expect(await createSubmitClaim({ db, clearinghouse: filedrop() })(input)).toMatchObject({ submitted: true });
    expect(readdirSync(outbox)).toEqual([]);
    expect(readdirSync(path.join(dir, 'staging'))).toEqual([]);
    expect(await db.selectFrom('filedrop_sent_files').select(['status']).where('file_name', '=', `837P-${input.claimId}-v1.x12`).executeTakeFirstOrThrow()).toEqual({ status: 'sent' });
  });

  it('a crash between the move into the outbox and the ledger: the retry sees the file went out and does not write it again', async () => {
    const { db } = database;
    const ledger = postgresFiledropLedger(db);
    let crash = true;
    const crashing: FiledropLedger = { exclusive: (name, fn) => ledger.exclusive(name, (entry) => fn({ ...entry, mark: async (state, sha) => {
      if (state === 'sent' && crash) { crash = false; throw new Error('worker killed'); }
      return entry.mark(state, sha);
    } })) };
    const file = { name: `837P-c${Date.now()}-v1.x12`, x12: 'ISA*first~' };
    await expect(createFiledropClearinghouse(dir, { ledger: crashing }).submit(file)).rejects.toThrow('worker killed');
    expect(readdirSync(path.join(dir, 'outbox'))).toEqual([file.name]);
    rmSync(path.join(dir, 'outbox', file.name));
    await createFiledropClearinghouse(dir, { db }).submit(file);
    expect(readdirSync(path.join(dir, 'outbox'))).toEqual([]);

    // Staged but not yet moved when the worker died: the retry moves the staged file, once.
    const second = { name: `837P-d${Date.now()}-v1.x12`, x12: 'ISA*second~' };
    const stagesOnly: FiledropLedger = { exclusive: (name, fn) => ledger.exclusive(name, (entry) => fn({ ...entry, mark: async (state, sha) => {
      await entry.mark(state, sha);
      if (state === 'staged') throw new Error('worker killed');
    } })) };
    await expect(createFiledropClearinghouse(dir, { ledger: stagesOnly }).submit(second)).rejects.toThrow('worker killed');
    expect(readdirSync(path.join(dir, 'outbox'))).toEqual([]);
    await Promise.all([createFiledropClearinghouse(dir, { db }).submit(second), createFiledropClearinghouse(dir, { db }).submit(second)]);
    expect(readdirSync(path.join(dir, 'outbox'))).toEqual([second.name]);
    expect(readFileSync(path.join(dir, 'outbox', second.name), 'utf8')).toBe('ISA*second~');
  });

  it('without a database: an fsync\'d ledger beside the outbox', async () => {
    const port = createFiledropClearinghouse(dir);
    await port.submit({ name: '837P-x-v1.x12', x12: 'ISA*x~' });
    rmSync(path.join(dir, 'outbox', '837P-x-v1.x12'));
    await createFiledropClearinghouse(dir).submit({ name: '837P-x-v1.x12', x12: 'ISA*x~' });
    expect(readdirSync(path.join(dir, 'outbox'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'sent', '837P-x-v1.x12'), 'utf8')).toMatch(/^sent [0-9a-f]{64}\n$/);
  });
});

describe('appeals are sent once per claim version and level', () => {
  it('an appeal submitted twice concurrently is recorded once and processed by the payer once', async () => {
    const { db } = database;
    const examId = await insertExam(db, 'DENY197');
    const log = path.join(dir, 'receipts.log');
    const temporal = recordingTemporal();
    await createSubmitClaim({ db, clearinghouse: sandboxProcess(db, temporal, log) })(claimSubmission(examId));
    const appeal = { examId, claimId: `${examId}-G`, version: 1, level: 1, levelName: 'redetermination', payerId: 'medicare-b' };
    const remitsBefore = named(temporal.signals, 'remittanceReceived').length;
    const results = await Promise.all([
      createSubmitAppeal({ db, clearinghouse: sandboxProcess(db, temporal, log) })(appeal),
      createSubmitAppeal({ db, clearinghouse: diesAfterSending(sandboxProcess(db, temporal, log)) })(appeal).catch(() => 'died'),
    ]);
    expect(results[0]).toMatchObject({ fileName: `837P-${examId}-G-v1-appeal1.x12` });
    // The run that died is retried: nothing is sent again.
    expect(await createSubmitAppeal({ db, clearinghouse: sandboxProcess(db, temporal, log) })(appeal)).toMatchObject({ documentId: (results[0] as { documentId: string }).documentId });
    expect(receipts(log).filter((f) => f.includes('appeal'))).toEqual([`837P-${examId}-G-v1-appeal1.x12`]);
    expect(named(temporal.signals, 'remittanceReceived')).toHaveLength(remitsBefore + 1);
    const rows = await db.selectFrom('appeal_submissions').select(['status']).where('claim_id', '=', `${examId}-G`).execute();
    expect(rows).toEqual([{ status: 'sent' }]);
  });
});
