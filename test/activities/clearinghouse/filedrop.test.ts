import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { createFiledropPoller, startConfiguredInboxPoller } from '../../../activities/clearinghouse/filedrop-poller';
import { createSubmitClaim } from '../../../activities/claims/submit-claim';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile } from '../../../domain/sandbox-payer';
import { type TestDatabase, createTestDatabase, testConfig } from '../../support/test-env';
import { claimSubmission, insertExam, recordingTemporal } from '../claim-fixture';

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

    const { client, signals } = recordingTemporal();
    const poller = createFiledropPoller({ db, temporal: client, dir, now: () => new Date('2026-12-01T09:00:00Z') });
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
    expect(signals.map((s) => s.name).sort()).toEqual(['claimAcknowledged', 'claimAcknowledged', 'remittanceReceived']);

    // The same 835 dropped again is archived as a duplicate and changes nothing.
    const remit = answers.find((a) => a.transactionType === '835')!;
    writeFileSync(path.join(dir, 'inbox', remit.name), remit.x12);
    const again = await poller.pollOnce();
    expect(again.duplicates).toEqual([remit.name]);
    expect(signals).toHaveLength(3);
    const rows = await db.selectFrom('inbound_files').select(['file_name', 'status']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(expect.arrayContaining(['processed', 'quarantined', 'duplicate']));
  });

  it('runs in the worker when the configuration selects the filedrop, and stops cleanly', async () => {
    const { db } = database;
    const temporal = recordingTemporal().client;
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

