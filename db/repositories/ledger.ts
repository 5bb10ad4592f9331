import { type Kysely, type Transaction, sql } from 'kysely';
import {
  LedgerError,
  applyEntry,
  checkInvariants,
  describeAccount,
  reversalEntry,
  type AccountId,
  type LedgerEntry,
  type LedgerLine,
  type LedgerRejection,
  type LedgerState,
  type LineMemo,
  type ReversalInput,
} from '../../domain/ledger';
import type { Db } from '../database';
import type { Database } from '../schema';

type Conn = Kysely<Database> | Transaction<Database>;

/** An entry as stored: the domain entry plus when and by whom it was posted. */
export interface StoredLedgerEntry {
  readonly entry: LedgerEntry;
  readonly postedAt: string;
  readonly postedBy: string | null;
}

export interface LedgerBalanceRow {
  readonly claimKey: string;
  readonly account: AccountId;
  readonly accountClass: string;
  readonly payerId: string | null;
  /** Debit-positive. */
  readonly balanceCents: number;
}

export interface PostOutcome {
  readonly entry: LedgerEntry;
  /** false when the idempotency key was already recorded: nothing was written. */
  readonly applied: boolean;
}

export interface PostResult {
  /** The exam's ledger after the posting. */
  readonly state: LedgerState;
  readonly outcomes: readonly PostOutcome[];
}

/**
 * The ledger refused an entry (typed: the code says why; the message carries ids and amounts only).
 * `idempotency-conflict` also covers a key already used by another exam.
 */
export class LedgerPostingError extends Error {
  readonly code: LedgerRejection['code'];
  constructor(readonly rejection: LedgerRejection) {
    super(new LedgerError(rejection).message);
    this.name = 'LedgerPostingError';
    this.code = rejection.code;
  }
}

/** Rebuilds the domain state from stored entries (already validated when they were posted). */
export function ledgerStateFrom(examId: string, entries: readonly LedgerEntry[]): LedgerState {
  const netByAccount: Record<AccountId, number> = {};
  const entryIdByKey: Record<string, string> = {};
  const entryIndexById: Record<string, number> = {};
  const reversedBy: Record<string, string> = {};
  entries.forEach((entry, index) => {
    entryIdByKey[entry.idempotencyKey] = entry.entryId;
    entryIndexById[entry.entryId] = index;
    if (entry.reversesEntryId !== undefined) reversedBy[entry.reversesEntryId] = entry.entryId;
    for (const line of entry.lines) netByAccount[line.account] = (netByAccount[line.account] ?? 0) + line.debitCents - line.creditCents;
  });
  const creditBalanceAccounts = Object.entries(netByAccount)
    .filter(([account, net]) => {
      const cls = describeAccount(account)?.class;
      return net < 0 && (cls === 'insurance-receivable' || cls === 'patient-receivable');
    })
    .map(([account]) => account)
    .sort();
  return { examId, entries, netByAccount, entryIdByKey, entryIndexById, reversedBy, creditBalanceAccounts };
}

/** Every entry of an exam with its lines, in posting order. */
export async function readLedgerEntries(db: Conn, examId: string): Promise<StoredLedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select([
      'entry_id',
      'exam_id',
      'claim_id',
      'idempotency_key',
      'source_kind',
      'document_id',
      'reference',
      'reverses_entry_id',
      'posted_by',
      'posted_at',
      sql<string>`to_char(effective_date, 'YYYY-MM-DD')`.as('effective'),
    ])
    .where('exam_id', '=', examId)
    .orderBy('posted_at')
    .orderBy('entry_id')
    .execute();
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('ledger_lines')
    .select(['entry_id', 'line_no', 'account', 'debit_cents', 'credit_cents', 'memo'])
    .where('exam_id', '=', examId)
    .orderBy('entry_id')
    .orderBy('line_no')
    .execute();
  const byEntry = new Map<string, LedgerLine[]>();
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? [];
    list.push({ account: l.account, debitCents: Number(l.debit_cents), creditCents: Number(l.credit_cents), ...(l.memo ? { memo: l.memo as LineMemo } : {}) });
    byEntry.set(l.entry_id, list);
  }
  return rows.map((r) => ({
    entry: {
      entryId: r.entry_id,
      examId: r.exam_id,
      ...(r.claim_id !== null ? { claimId: r.claim_id } : {}),
      lines: byEntry.get(r.entry_id) ?? [],
      source: {
        kind: r.source_kind as LedgerEntry['source']['kind'],
        documentId: r.document_id,
        ...(r.reference !== null ? { reference: r.reference } : {}),
      },
      effectiveDate: r.effective,
      idempotencyKey: r.idempotency_key,
      ...(r.reverses_entry_id !== null ? { reversesEntryId: r.reverses_entry_id } : {}),
    },
    postedAt: r.posted_at.toISOString(),
    postedBy: r.posted_by,
  }));
}

/** The exam's ledger as the domain reads it. */
export async function loadLedger(db: Conn, examId: string): Promise<LedgerState> {
  return ledgerStateFrom(examId, (await readLedgerEntries(db, examId)).map((s) => s.entry));
}

/** Stored balances of an exam by claim and account. */
export async function readLedgerBalances(db: Conn, examId: string): Promise<LedgerBalanceRow[]> {
  const rows = await db
    .selectFrom('ledger_balances')
    .select(['claim_key', 'account', 'account_class', 'payer_id', 'balance_cents'])
    .where('exam_id', '=', examId)
    .orderBy('account')
    .orderBy('claim_key')
    .execute();
  return rows.map((r) => ({ claimKey: r.claim_key, account: r.account, accountClass: r.account_class, payerId: r.payer_id, balanceCents: Number(r.balance_cents) }));
}

async function insertEntry(trx: Transaction<Database>, entry: LedgerEntry, postedBy: string | null): Promise<void> {
  await trx
    .insertInto('ledger_entries')
    .values({
      entry_id: entry.entryId,
      exam_id: entry.examId,
      claim_id: entry.claimId ?? null,
      idempotency_key: entry.idempotencyKey,
      source_kind: entry.source.kind,
      document_id: entry.source.documentId,
      reference: entry.source.reference ?? null,
      effective_date: entry.effectiveDate,
      reverses_entry_id: entry.reversesEntryId ?? null,
      posted_by: postedBy,
      // Distinct within one transaction, so that entries read back in the order they were posted.
      posted_at: sql<Date>`clock_timestamp()`,
    })
    .execute();
  if (entry.lines.length === 0) return;
  await trx
    .insertInto('ledger_lines')
    .values(
      entry.lines.map((line, i) => {
        const info = describeAccount(line.account)!;
        return {
          entry_id: entry.entryId,
          line_no: i + 1,
          exam_id: entry.examId,
          claim_id: entry.claimId ?? null,
          account: line.account,
          account_class: info.class,
          payer_id: info.payerId ?? null,
          debit_cents: line.debitCents,
          credit_cents: line.creditCents,
          memo: line.memo ? JSON.stringify(line.memo) : null,
          effective_date: entry.effectiveDate,
        };
      }),
    )
    .execute();
  const deltas = new Map<AccountId, number>();
  for (const line of entry.lines) deltas.set(line.account, (deltas.get(line.account) ?? 0) + line.debitCents - line.creditCents);
  for (const [account, delta] of [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const info = describeAccount(account)!;
    await trx
      .insertInto('ledger_balances')
      .values({
        exam_id: entry.examId,
        claim_key: entry.claimId ?? '',
        account,
        account_class: info.class,
        payer_id: info.payerId ?? null,
        balance_cents: delta,
      })
      .onConflict((oc) =>
        oc.columns(['exam_id', 'claim_key', 'account']).doUpdateSet({
          balance_cents: sql`ledger_balances.balance_cents + excluded.balance_cents`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  }
}

/**
 * Posts entries built from the exam's current ledger, in one transaction: each entry with its
 * lines and the balances it moves. The exam's ledger is locked for the transaction, so concurrent
 * postings to one exam are serialized. An idempotency key already recorded is a no-op that returns
 * the recorded entry; an entry the domain refuses aborts the whole posting with a LedgerPostingError.
 */
export async function postLedgerEntries(
  db: Db,
  examId: string,
  build: (state: LedgerState) => readonly (LedgerEntry | null)[],
  options: { postedBy?: string } = {},
): Promise<PostResult> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ledger:${examId}`}, 0))`.execute(trx);
    let state = await loadLedger(trx, examId);
    const outcomes: PostOutcome[] = [];
    for (const entry of build(state)) {
      if (!entry) continue;
      if (entry.examId !== examId) throw new LedgerPostingError({ code: 'exam-mismatch', entryId: String(entry.entryId) });
      const recorded = state.entryIdByKey[entry.idempotencyKey];
      if (recorded !== undefined) {
        outcomes.push({ entry: state.entries[state.entryIndexById[recorded]!]!, applied: false });
        continue;
      }
      const elsewhere = await trx.selectFrom('ledger_entries').select(['entry_id']).where((eb) => eb.or([eb('idempotency_key', '=', entry.idempotencyKey), eb('entry_id', '=', entry.entryId)])).executeTakeFirst();
      if (elsewhere) throw new LedgerPostingError({ code: 'idempotency-conflict', idempotencyKey: entry.idempotencyKey, existingEntryId: elsewhere.entry_id });
      const result = applyEntry(state, entry);
      if (!result.ok) throw new LedgerPostingError(result.rejection);
      await insertEntry(trx, entry, options.postedBy ?? null);
      state = result.state;
      outcomes.push({ entry, applied: true });
    }
    // charges = payments + adjustments + open balances, and every other rule of the ledger, before commit
    const report = checkInvariants(state);
    if (!report.ok) throw new LedgerPostingError({ code: 'invalid-entry', message: `the ledger rules would not hold: ${report.violations.map((v) => v.code).join(', ')}` });
    return { state, outcomes };
  });
}

/** Posts one entry (see postLedgerEntries). */
export async function postLedgerEntry(db: Db, entry: LedgerEntry, options: { postedBy?: string } = {}): Promise<PostOutcome & { state: LedgerState }> {
  const result = await postLedgerEntries(db, entry.examId, () => [entry], options);
  return { ...result.outcomes[0]!, state: result.state };
}

/** Reverses an entry of the exam by its id (a mirror entry naming it); repeated with the same key, a no-op. */
export async function reverseLedgerEntry(db: Db, examId: string, input: ReversalInput, options: { postedBy?: string } = {}): Promise<PostOutcome & { state: LedgerState }> {
  const result = await postLedgerEntries(
    db,
    examId,
    (state) => {
      const key = input.idempotencyKey ?? `reversal:${input.entryId}`;
      if (state.entryIdByKey[key] !== undefined) return [state.entries[state.entryIndexById[state.entryIdByKey[key]!]!]!];
      try {
        return [reversalEntry(state, input)];
      } catch (err) {
        if (err instanceof LedgerError) throw new LedgerPostingError(err.rejection);
        throw err;
      }
    },
    options,
  );
  return { ...result.outcomes[0]!, state: result.state };
}

/** The idempotency key of a patient payment: one posting per exam and payment reference. */
export function patientPaymentKey(examId: string, reference: string): string {
  return `patient-payment:${examId}:${reference}`;
}

/** The cents a patient payment with this reference brought in, or null when none was posted. */
export async function postedPatientPaymentCents(db: Conn, examId: string, reference: string): Promise<number | null> {
  const row = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_lines as l', 'l.entry_id', 'e.entry_id')
    .select((eb) => eb.fn.sum<string>('l.debit_cents').as('cents'))
    .where('e.idempotency_key', '=', patientPaymentKey(examId, reference))
    .where('e.exam_id', '=', examId)
    .where('l.account', '=', 'payments')
    .executeTakeFirst();
  return row?.cents == null ? null : Number(row.cents);
}
