import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'kysely';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createFiledropClearinghouse } from '../../activities/clearinghouse/filedrop';
import { ingestX12 } from '../../activities/ingestion/ingest-x12';
import { createLedgerActivities } from '../../activities/ledger';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import {
  LedgerPostingError,
  loadLedger,
  postLedgerEntry,
  readLedgerBalances,
  reverseLedgerEntry,
} from '../../db/repositories/ledger';
import { balances, chargeEntry, checkInvariants, type LedgerEntry } from '../../domain/ledger';
import { respondToClaimFile } from '../../domain/sandbox-payer';
import { type TestDatabase, createTestDatabase } from '../support/test-env';
import { claimSubmission, insertExam, newExamId, recordingTemporal } from './claim-fixture';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-ledger-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function charge(examId: string, cents = 150_000): LedgerEntry {
  return chargeEntry({
    examId,
    claimId: `${examId}-G`,
    billTo: { kind: 'insurance', payerId: 'medicare-b' },
    lines: [{ lineControlNumber: `${examId}-G-1`, procedureCode: '72148', chargeCents: cents }],
    documentId: `${examId}-G`,
    effectiveDate: '2026-11-25',
  });
}

/** Stored balances summed per account (all claims) against the sum of the stored lines. */
async function storedVersusLines(examId: string) {
  const { db } = database;
  const stored = await readLedgerBalances(db, examId);
  const lines = await db
    .selectFrom('ledger_lines')
    .select(['account', 'claim_id', sql<number>`sum(debit_cents - credit_cents)::bigint`.as('net')])
    .where('exam_id', '=', examId)
    .groupBy(['account', 'claim_id'])
    .execute();
  const fromLines = Object.fromEntries(lines.filter((l) => Number(l.net) !== 0).map((l) => [`${l.claim_id ?? ''}|${l.account}`, Number(l.net)]));
  const fromBalances = Object.fromEntries(stored.filter((b) => b.balanceCents !== 0).map((b) => [`${b.claimKey}|${b.account}`, b.balanceCents]));
  return { fromLines, fromBalances };
}

describe('ledger repository', () => {
  it('posts an entry with its lines and balances; the same idempotency key again is a no-op returning the entry', async () => {
    const { db } = database;
    const examId = newExamId();
    const first = await postLedgerEntry(db, charge(examId));
    expect(first.applied).toBe(true);
    const again = await postLedgerEntry(db, charge(examId));
    expect(again.applied).toBe(false);
    expect(again.entry.entryId).toBe(first.entry.entryId);
    const count = await db.selectFrom('ledger_entries').select(sql<number>`count(*)::int`.as('n')).where('exam_id', '=', examId).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    const rows = await readLedgerBalances(db, examId);
    expect(rows).toEqual(
      expect.arrayContaining([
        { claimKey: `${examId}-G`, account: 'gross_charges', accountClass: 'revenue', payerId: null, balanceCents: -150_000 },
        { claimKey: `${examId}-G`, account: 'insurance_receivable:medicare-b', accountClass: 'insurance-receivable', payerId: 'medicare-b', balanceCents: 150_000 },
      ]),
    );
  });

  it('refuses an unbalanced entry with a typed error and writes nothing; the database refuses one written around the repository', async () => {
    const { db } = database;
    const examId = newExamId();
    const entry = charge(examId);
    const unbalanced: LedgerEntry = { ...entry, lines: [entry.lines[0]!, { ...entry.lines[1]!, creditCents: 149_999 }] };
    await expect(postLedgerEntry(db, unbalanced)).rejects.toMatchObject({ name: 'LedgerPostingError', code: 'unbalanced-entry' });
    expect(await readLedgerBalances(db, examId)).toEqual([]);

    const raw = db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger_entries').values({ entry_id: `raw:${examId}`, exam_id: examId, claim_id: null, idempotency_key: `raw:${examId}`, source_kind: 'charge', document_id: 'd', reference: null, effective_date: '2026-11-25', reverses_entry_id: null, posted_by: null }).execute();
      await trx.insertInto('ledger_lines').values({ entry_id: `raw:${examId}`, line_no: 1, exam_id: examId, claim_id: null, account: 'gross_charges', account_class: 'revenue', payer_id: null, debit_cents: 0, credit_cents: 100, memo: null, effective_date: '2026-11-25' }).execute();
    });
    await expect(raw).rejects.toThrow(/does not balance/);
  });

  it('is append-only: updating or deleting an entry or a line is refused', async () => {
    const { db } = database;
    const examId = newExamId();
    const posted = await postLedgerEntry(db, charge(examId));
    await expect(db.updateTable('ledger_lines').set({ debit_cents: 1 }).where('entry_id', '=', posted.entry.entryId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_lines').where('entry_id', '=', posted.entry.entryId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_entries').where('entry_id', '=', posted.entry.entryId).execute()).rejects.toThrow(/append-only/);
    expect((await loadLedger(db, examId)).entries).toHaveLength(1);
  });

  it('reverses an entry by id once; balances equal the sum of the lines', async () => {
    const { db } = database;
    const examId = newExamId();
    const posted = await postLedgerEntry(db, charge(examId));
    const reversal = await reverseLedgerEntry(db, examId, { entryId: posted.entry.entryId, documentId: 'correction', effectiveDate: '2026-11-26' });
    expect(reversal.applied).toBe(true);
    expect((await reverseLedgerEntry(db, examId, { entryId: posted.entry.entryId, documentId: 'correction', effectiveDate: '2026-11-26' })).applied).toBe(false);
    await expect(reverseLedgerEntry(db, examId, { entryId: 'no-such-entry', documentId: 'x', effectiveDate: '2026-11-26' })).rejects.toBeInstanceOf(LedgerPostingError);
    const state = await loadLedger(db, examId);
    expect(balances(state).summary.chargesCents).toBe(0);
    const { fromLines, fromBalances } = await storedVersusLines(examId);
    expect(fromBalances).toEqual(fromLines);
  });

  it('refuses an idempotency key another exam already used', async () => {
    const { db } = database;
    const a = newExamId();
    const b = newExamId();
    const entry = charge(a);
    await postLedgerEntry(db, entry);
    await expect(postLedgerEntry(db, { ...entry, examId: b })).rejects.toMatchObject({ code: 'idempotency-conflict' });
  });
});

describe('ledger activities', () => {
  const activities = () => createLedgerActivities({ db: database.db });

  /** A claim submitted through the filedrop, answered by the sandbox payer; its 835 taken by the inbound path. */
  async function paidClaim(memberId = '1EG4TE5MK73') {
    const { db } = database;
    const examId = await insertExam(db, memberId);
    const submission = claimSubmission(examId);
    const sent = await createSubmitClaim({ db, clearinghouse: createFiledropClearinghouse(dir) })(submission);
    const files = respondToClaimFile(readFileSync(path.join(dir, 'outbox', sent.fileName), 'utf8'), bundledRefData(), { date: '2026-12-01', time: '0900' });
    const era = files.find((f) => f.transactionType === '835')!;
    const { client, signals } = recordingTemporal();
    const ingested = await ingestX12({ db, temporal: client }, { raw: era.x12, source: 'api' });
    if (!ingested.ok) throw new Error('835 not taken');
    const signal = signals.find((s) => s.name === 'remittanceReceived')!.arg as { remittance: { payerId: string; traceNumber: string } };
    const remittanceId = `${signal.remittance.payerId}:${signal.remittance.traceNumber}:${submission.claimId}`;
    const line = submission.claim.lines[0]!;
    const billed = { payerId: 'medicare-b', lines: [{ lineNumber: 1, cpt: line.cpt, modifiers: line.modifiers, units: line.units, chargeCents: line.chargeCents }], dateOfService: '2026-11-25', placeOfService: '11' };
    return { examId, claimId: submission.claimId, remittanceId, billed };
  }

  it('posts charges, the 835 (payment, CO, PR to the patient) and a patient payment; a replayed 835 changes nothing', async () => {
    const a = activities();
    const { examId, claimId, remittanceId, billed } = await paidClaim();
    await a.postClaimCharges({ examId, claimId, version: 1, billTo: { kind: 'insurance', payerId: 'medicare-b' }, lines: billed.lines, effectiveDate: '2026-11-25' });
    const posted = await a.postRemittance({ examId, claimId, remittanceId, billed, effectiveDate: '2026-12-01' });
    expect(posted.payments).toEqual([expect.objectContaining({ claimState: 'paid', alreadyPosted: false })]);
    const paid = posted.payments[0]!;
    expect(paid.paidCents).toBeGreaterThan(0);
    expect(paid.patientShareCents).toBeGreaterThan(0);
    expect(posted.underpaymentCents).toBe(0);

    const before = balances(await loadLedger(database.db, examId)).summary;
    expect(before.chargesCents).toBe(150_000);
    expect(before.insuranceOpenCents).toBe(0);
    expect(before.patientOpenCents).toBe(paid.patientShareCents);

    const replay = await a.postRemittance({ examId, claimId, remittanceId, billed, effectiveDate: '2026-12-02' });
    expect(replay.payments[0]!.alreadyPosted).toBe(true);
    expect(balances(await loadLedger(database.db, examId)).summary).toEqual(before);

    const payment = await a.postPatientPayment({ examId, amountCents: paid.patientShareCents + 500, method: 'card', reference: 'R-1', receivedDate: '2026-12-05' });
    expect(payment).toMatchObject({ amountCents: paid.patientShareCents + 500, unappliedCents: 500 });
    expect((await a.postPatientPayment({ examId, amountCents: paid.patientShareCents + 500, method: 'card', reference: 'R-1', receivedDate: '2026-12-05' })).amountCents).toBe(0);

    const refund = await a.postRefund({ examId, amountCents: 500, reference: 'CHK-9', idempotencyKey: `refund:${examId}:t1`, effectiveDate: '2026-12-06' });
    expect(refund.amountCents).toBe(500);
    const state = await loadLedger(database.db, examId);
    expect(checkInvariants(state)).toEqual({ ok: true });
    expect(balances(state).summary).toMatchObject({ patientOpenCents: 0, unappliedCashCents: 0, refundsPayableCents: 0, paymentsCents: 150_000 - before.adjustmentsCents });
  });

  it('reports an underpayment when the payer recognised less than the fee schedule expects for what was billed', async () => {
    const a = activities();
    const { examId, claimId, remittanceId, billed } = await paidClaim();
    await a.postClaimCharges({ examId, claimId, version: 1, billTo: { kind: 'insurance', payerId: 'medicare-b' }, lines: billed.lines, effectiveDate: '2026-11-25' });
    const fair = await a.postRemittance({ examId, claimId, remittanceId, billed, effectiveDate: '2026-12-01' });
    expect(fair.underpaymentCents).toBe(0);
    // the same payment measured against a costlier study (with and without contrast) falls short
    const other = await paidClaim();
    await a.postClaimCharges({ examId: other.examId, claimId: other.claimId, version: 1, billTo: { kind: 'insurance', payerId: 'medicare-b' }, lines: other.billed.lines, effectiveDate: '2026-11-25' });
    const costlier = { ...other.billed, lines: other.billed.lines.map((l) => ({ ...l, cpt: '72158' })) };
    const short = await a.postRemittance({ examId: other.examId, claimId: other.claimId, remittanceId: other.remittanceId, billed: costlier, effectiveDate: '2026-12-01' });
    expect(short.underpaymentCents).toBeGreaterThan(0);
    expect(short.findings).toContain(`underpayment:${short.underpaymentCents}`);
  });

  it('a denied claim stays open in insurance A/R until an approved write-off moves it to the write-off account', async () => {
    const a = activities();
    const { examId, claimId, remittanceId, billed } = await paidClaim('DENY50');
    await a.postClaimCharges({ examId, claimId, version: 1, billTo: { kind: 'insurance', payerId: 'medicare-b' }, lines: billed.lines, effectiveDate: '2026-11-25' });
    const posted = await a.postRemittance({ examId, claimId, remittanceId, billed, effectiveDate: '2026-12-01' });
    expect(posted.payments[0]).toMatchObject({ claimState: 'denied', paidCents: 0, deniedCents: 150_000 });
    expect(balances(await loadLedger(database.db, examId)).summary.insuranceOpenCents).toBe(150_000);
    const w = { examId, scope: 'claim' as const, claimId, reason: 'medical necessity', documentId: 'task:t9', idempotencyKey: `write-off:${examId}:7.0`, effectiveDate: '2026-12-20' };
    expect((await a.postWriteOff(w)).amountCents).toBe(150_000);
    expect((await a.postWriteOff(w)).amountCents).toBe(0);
    const summary = balances(await loadLedger(database.db, examId)).summary;
    expect(summary).toMatchObject({ insuranceOpenCents: 0, writeOffCents: 150_000, chargesCents: 150_000 });
  });

  it('a new claim version reverses the charges of the one it replaces', async () => {
    const a = activities();
    const examId = newExamId();
    const input = { examId, claimId: `${examId}-G`, billTo: { kind: 'insurance' as const, payerId: 'medicare-b' }, lines: [{ lineNumber: 1, cpt: '72148', chargeCents: 150_000 }], effectiveDate: '2026-11-25' };
    await a.postClaimCharges({ ...input, version: 1 });
    await a.postClaimCharges({ ...input, version: 2, lines: [{ lineNumber: 1, cpt: '72148', chargeCents: 140_000 }] });
    await a.postClaimCharges({ ...input, version: 2, lines: [{ lineNumber: 1, cpt: '72148', chargeCents: 140_000 }] });
    const state = await loadLedger(database.db, examId);
    expect(state.entries.map((e) => e.source.kind)).toEqual(['charge', 'reversal', 'charge']);
    expect(balances(state).summary).toMatchObject({ chargesCents: 140_000, insuranceOpenCents: 140_000 });
  });

  it('answers an unknown remittance with a typed non-retryable failure', async () => {
    const a = activities();
    const examId = newExamId();
    const failure = await a
      .postRemittance({ examId, claimId: `${examId}-G`, remittanceId: `medicare-b:NOPE:${examId}-G`, billed: { payerId: 'medicare-b', lines: [], dateOfService: '2026-11-25', placeOfService: '11' }, effectiveDate: '2026-12-01' })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'RemittanceNotFound', nonRetryable: true });
  });

  it('renders the statement PDF from the ledger and stores it once per statement', async () => {
    const a = activities();
    const examId = await insertExam(database.db);
    await a.postSelfPayCharges({ examId, lines: [{ lineNumber: 1, cpt: '72148', chargeCents: 90_000 }], effectiveDate: '2026-11-25' });
    const first = await a.sendStatement({ examId, sequence: 1, statementDate: '2026-11-26', createdAt: '2026-11-26T10:00:00.000Z' });
    const again = await a.sendStatement({ examId, sequence: 1, statementDate: '2026-11-26', createdAt: '2026-11-26T10:00:00.000Z' });
    expect(first).toEqual({ documentId: again.documentId, amountDueCents: 90_000 });
    const doc = await database.db.selectFrom('documents').select(['kind', 'content_type', 'bytes', 'exam_id']).where('id', '=', first.documentId).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'statement', content_type: 'application/pdf', exam_id: examId });
    expect(doc.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
