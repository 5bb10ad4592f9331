import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createSubmitClaim, nextControlNumber } from '../../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../../activities/clearinghouse/filedrop';
import { claimsSentBefore } from '../../../activities/clearinghouse/create-clearinghouse';
import { createSandboxClearinghouse } from '../../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../../activities/ingestion/ingest-x12';
import { parse837P, validate837PFile } from '../../../domain/x12';
import { type TestDatabase, createTestDatabase } from '../../support/test-env';
import { claimSubmission, insertExam, recordingTemporal } from '../claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-submit-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('submitClaim', () => {
  it('sends a claim version once: run twice, one submission row, one outbound file, the same X12', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const submitClaim = createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) });
    const first = await submitClaim(claimSubmission(examId));
    const second = await submitClaim(claimSubmission(examId));
    expect(first.submitted).toBe(true);
    expect(second).toMatchObject({ submitted: false, documentId: first.documentId, fileName: first.fileName });

    const rows = await db.selectFrom('claim_submissions').selectAll().where('claim_id', '=', `${examId}-G`).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 1, status: 'sent' });
    const outbox = readdirSync(path.join(dir, 'outbox'));
    expect(outbox).toEqual([first.fileName]);

    const sent = readFileSync(path.join(dir, 'outbox', first.fileName), 'utf8');
    const stored = await db.selectFrom('x12_documents').select(['raw']).where('id', '=', first.documentId).executeTakeFirstOrThrow();
    expect(sent).toBe(stored.raw);
    expect(validate837PFile(sent).filter((f) => f.severity === 'error')).toEqual([]);
    const claim = parse837P(sent).transactions[0]!.claims[0]!;
    expect(claim).toMatchObject({ claimId: `${examId}-G`, totalChargeCents: 150000, diagnoses: ['M5416'], subscriber: { memberId: '1EG4TE5MK73', claimFilingIndicator: 'MB' } });
    expect(claim.referringProvider?.npi).toBe('1234567893');
  });

  it('a new version gets new control numbers that never repeat', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const submitClaim = createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) });
    const v1 = await submitClaim(claimSubmission(examId));
    const v2 = await submitClaim(claimSubmission(examId, { version: 2, idempotencyKey: `${examId}-G:v2` }));
    expect(v2.transactionControlNumber).not.toBe(v1.transactionControlNumber);
    expect(v2.fileName).toBe(`837P-${examId}-G-v2.x12`);
  });

  it('a control number taken by a claim file not yet committed keeps no one else waiting, and none repeats', async () => {
    const { db } = database;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: (n: number) => void;
    const first = new Promise<number>((resolve) => (taken = resolve));
    // a claim's outbox transaction: it takes its number, then builds and records the file before it commits
    const open = db.transaction().execute(async (trx) => {
      taken(await nextControlNumber(trx as unknown as typeof db));
      await held;
    });
    const inOpenTransaction = await first;
    const meanwhile = await Promise.all(Array.from({ length: 5 }, () => nextControlNumber(db)));
    release();
    await open;
    // a number taken by a transaction that rolls back is skipped, never given again
    await db.transaction().execute(async (trx) => {
      await nextControlNumber(trx as unknown as typeof db);
      throw new Error('rolled back');
    }).catch(() => undefined);
    const after = await nextControlNumber(db);
    const all = [inOpenTransaction, ...meanwhile, after];
    expect(new Set(all).size).toBe(all.length);
    expect(after).toBeGreaterThan(Math.max(inOpenTransaction, ...meanwhile) + 1);
  });

  it('refuses an invalid claim with a non-retryable failure carrying the findings, and sends nothing', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const submitClaim = createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) });
    const bad = claimSubmission(examId);
    bad.claim = { ...bad.claim, diagnoses: [] };
    const err = await submitClaim(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'ClaimValidationFailed', nonRetryable: true });
    expect(JSON.stringify((err as ApplicationFailure).details)).toContain('HI');
    expect(await db.selectFrom('claim_submissions').selectAll().where('exam_id', '=', examId).execute()).toHaveLength(0);
  });

  it('through the sandbox: 999, 277CA and 835 come back through the inbound path and reach the exam', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const { client, signals } = recordingTemporal();
    const clearinghouse = createSandboxClearinghouse({
      deliver: (file) => ingestX12({ db, temporal: client }, { raw: file.x12, source: 'sandbox', fileName: file.name }),
    });
    const submitClaim = createSubmitClaim({ db, clearinghouse });
    await submitClaim(claimSubmission(examId));
    expect(signals.map((s) => s.name)).toEqual(['claimAcknowledged', 'claimAcknowledged', 'remittanceReceived']);
    expect(signals.every((s) => s.workflowId === `exam:${examId}`)).toBe(true);
    expect(signals[2]!.arg).toMatchObject({ claimVersion: 1, adjudication: { claimId: `${examId}-G`, statusCode: '1' } });
    const claim = await db.selectFrom('claims').selectAll().where('claim_id', '=', `${examId}-G`).executeTakeFirstOrThrow();
    expect(claim.status).toBe('paid');
    expect(claim.paid_cents).toBeGreaterThan(0);
    const history = await db.selectFrom('claim_status_history').select(['status', 'source']).where('claim_id', '=', claim.claim_id).orderBy('id').execute();
    expect(history.map((h) => h.status)).toEqual(['submitted', 'acknowledged', 'accepted', 'paid']);
  });

  it('bills the technical component of a hospital outpatient exam as an 837I (type of bill 13x, revenue codes) that the sandbox pays', async () => {
    const { db } = database;
    const examId = await insertExam(db);
    const { client, signals } = recordingTemporal();
    const clearinghouse = createSandboxClearinghouse({ deliver: (file) => ingestX12({ db, temporal: client }, { raw: file.x12, source: 'sandbox', fileName: file.name }) });
    const base = claimSubmission(examId);
    const input = {
      ...base, claimId: `${examId}-T`, idempotencyKey: `${examId}-T:v1`, component: 'technical' as const,
      claim: { ...base.claim, kind: 'technical' as const, form: '837I' as const, placeOfService: '22', lines: [{ ...base.claim.lines[0]!, modifiers: ['TC'] }] },
    };
    const result = await createSubmitClaim({ db, clearinghouse })(input);
    expect(result.fileName).toBe(`837I-${examId}-T-v1.x12`);
    const doc = await db.selectFrom('x12_documents').select(['raw', 'transaction_type']).where('id', '=', result.documentId).executeTakeFirstOrThrow();
    expect(doc.transaction_type).toBe('837I');
    expect(doc.raw).toContain('005010X223A2');
    expect(doc.raw).toContain('CLM*' + `${examId}-T` + '*1500***13:A:1');
    expect(doc.raw).toMatch(/SV2\*061\d\*HC:72148:TC/);
    expect(signals.map((s) => s.name)).toEqual(['claimAcknowledged', 'claimAcknowledged', 'remittanceReceived']);
    const claim = await db.selectFrom('claims').select(['status', 'form']).where('claim_id', '=', `${examId}-T`).executeTakeFirstOrThrow();
    expect(claim).toEqual({ status: 'paid', form: '837I' });
  });

  it('REJECT through the sandbox: version 1 is rejected by the 277CA, the corrected version 2 is accepted and paid', async () => {
    const { db } = database;
    const examId = await insertExam(db, 'REJECT77');
    const { client, signals } = recordingTemporal();
    const clearinghouse = createSandboxClearinghouse({
      deliver: (file) => ingestX12({ db, temporal: client }, { raw: file.x12, source: 'sandbox', fileName: file.name }),
      claimsSeenBefore: (_x12, name) => claimsSentBefore(db, name),
    });
    const submitClaim = createSubmitClaim({ db, clearinghouse });
    await submitClaim(claimSubmission(examId));
    expect(signals.map((s) => [s.name, (s.arg as { accepted?: boolean }).accepted])).toEqual([['claimAcknowledged', true], ['claimAcknowledged', false]]);
    await submitClaim(claimSubmission(examId, { version: 2, idempotencyKey: `${examId}-G:v2` }));
    expect(signals.slice(2).map((s) => s.name)).toEqual(['claimAcknowledged', 'claimAcknowledged', 'remittanceReceived']);
    expect(signals[4]!.arg).toMatchObject({ claimVersion: 2, adjudication: { statusCode: '1' } });
  });
});

