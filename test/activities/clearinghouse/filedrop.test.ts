import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { createFiledropPoller, startConfiguredInboxPoller } from '../../../activities/clearinghouse/filedrop-poller';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile } from '../../../domain/sandbox-payer';
import { type TestDatabase, createTestDatabase, testConfig } from '../../support/test-env';
import type { Client } from '@temporalio/client';
import { claimSubmission, insertExam } from '../claim-fixture';

/** A Temporal client stand-in that records the ingestion workflows started (the delivery itself is tested with a server). */
function startingTemporal(): { client: Client; started: string[] } {
  const started: string[] = [];
  const client = { workflow: { start: async (_type: string, options: { workflowId: string }) => void started.push(options.workflowId) } } as unknown as Client;
  return { client, started };
}

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-filedrop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(async () => database?.drop());

const ls = (sub: string) => (existsSync(path.join(dir, sub)) ? readdirSync(path.join(dir, sub)).sort() : []);

describe('filedrop clearinghouse', () => {
  it('writes outbound files atomically into the outbox, once per name, and leaves no temporary file', async () => {
    const port = createFiledropClearinghouse(dir);
    await port.submit({ name: '837P-c1-v1.x12', x12: 'ISA*first~' });
    await port.submit({ name: '837P-c1-v1.x12', x12: 'ISA*first~' });
    expect(ls('outbox')).toEqual(['837P-c1-v1.x12']);
    expect(readFileSync(path.join(dir, 'outbox', '837P-c1-v1.x12'), 'utf8')).toBe('ISA*first~');
    await expect(port.submit({ name: '../escape.x12', x12: 'x' })).rejects.toThrow();
    expect(await port.eligibility('ISA')).toBeNull();
  });

  it('polls the inbox: responses are ingested and archived, malformed files quarantined with a reason file', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const sent = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
    const answers = respondToClaimFile(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
    mkdirSync(path.join(dir, 'inbox'), { recursive: true });
    for (const a of answers) writeFileSync(path.join(dir, 'inbox', a.name), a.x12);
    writeFileSync(path.join(dir, 'inbox', 'broken.x12'), 'ISA*00*garbage');
    writeFileSync(path.join(dir, 'inbox', '.partial.x12.tmp'), 'still arriving');

    const { client, started } = startingTemporal();
    const poller = createFiledropPoller({ db, temporal: client, taskQueue: 'test', dir, now: () => new Date('2026-12-01T09:00:00Z') });
    const report = await poller.pollOnce();
    expect(report.processed.sort()).toEqual(answers.map((a) => a.name).sort());
    expect(report.quarantined).toEqual(['broken.x12']);
    expect(ls('inbox')).toEqual(['.partial.x12.tmp']);
    expect(ls('archive')).toHaveLength(answers.length);
    expect(ls('processing')).toEqual([]);
    const quarantined = ls('quarantine');
    expect(quarantined).toHaveLength(2);
    const reasonFile = quarantined.find((f) => f.endsWith('.reason.txt'))!;
    expect(reasonFile).toMatch(/broken\.x12\.reason\.txt$/);
    expect(readFileSync(path.join(dir, 'quarantine', reasonFile), 'utf8')).toMatch(/^[A-Z_]+: /);
    // each file stored, then handed to its own ingestion workflow
    const stored = await db.selectFrom('inbound_files').select(['file_name', 'document_id']).where('status', '=', 'processed').execute();
    expect(stored).toHaveLength(answers.length);
    expect(started.sort()).toEqual(stored.map((r) => `ingest:${r.document_id}`).sort());

    // The same 835 dropped again is archived as a duplicate: the same file, stored once.
    const remit = answers.find((a) => a.transactionType === '835')!;
    writeFileSync(path.join(dir, 'inbox', remit.name), remit.x12);
    const again = await poller.pollOnce();
    expect(again.duplicates).toEqual([remit.name]);
    const files = await db.selectFrom('ingestion_files').select('file_id').where('file_id', 'in', stored.map((r) => r.document_id!)).execute();
    expect(files).toHaveLength(answers.length);
    const rows = await db.selectFrom('inbound_files').select(['file_name', 'status', 'document_id']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(expect.arrayContaining(['processed', 'quarantined', 'duplicate']));
    expect(rows.find((r) => r.status === 'duplicate')!.document_id).toBe(stored.find((r) => r.file_name === remit.name)!.document_id);
  });

  it('takes again a file a poller that died left in processing/, once', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const sent = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(claimSubmission(examId));
    const answers = respondToClaimFile(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
    const remit = answers.find((a) => a.transactionType === '835')!;
    mkdirSync(path.join(dir, 'processing'), { recursive: true });
    writeFileSync(path.join(dir, 'processing', remit.name), remit.x12);
    const { client, started } = startingTemporal();
    // a file claimed moments ago belongs to a poller still at work: left alone
    const young = await createFiledropPoller({ db, temporal: client, taskQueue: 'test', dir }).pollOnce();
    expect(young.recovered).toEqual([]);
    expect(ls('processing')).toEqual([remit.name]);
    const poller = createFiledropPoller({ db, temporal: client, taskQueue: 'test', dir, processingStaleMs: 0 });
    const report = await poller.pollOnce();
    expect(report.recovered).toEqual([remit.name]);
    expect(ls('processing')).toEqual([]);
    expect(ls('archive')).toHaveLength(1);
    const receipt = await db.selectFrom('inbound_files').select(['status', 'document_id']).where('file_name', '=', remit.name).where('status', '=', 'recovered').executeTakeFirstOrThrow();
    expect(started).toEqual([`ingest:${receipt.document_id}`]);
    expect(await db.selectFrom('ingestion_files').select(['status']).where('file_id', '=', receipt.document_id!).executeTakeFirst()).toEqual({ status: 'received' });
    expect((await poller.pollOnce()).recovered).toEqual([]);
  });

  it('runs in the worker when the configuration selects the filedrop, and stops cleanly', async () => {
    const { db } = database;
    const temporal = startingTemporal().client;
    expect(startConfiguredInboxPoller({ db, temporal, config: testConfig() })).toBeUndefined();
    const poller = startConfiguredInboxPoller({ db, temporal, config: testConfig({ CLEARINGHOUSE: 'filedrop', FILEDROP_DIR: dir }), intervalMs: 20 })!;
    try {
      mkdirSync(path.join(dir, 'inbox'), { recursive: true });
      writeFileSync(path.join(dir, 'inbox', 'late.x12'), 'not x12');
      for (let i = 0; i < 200 && ls('quarantine').length < 2; i += 1) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await poller.stop();
    }
    expect(ls('quarantine')).toHaveLength(2);
    expect(ls('inbox')).toEqual([]);
  });
});

