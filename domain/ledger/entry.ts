import type { AccountId } from './accounts';
import type { CalendarDate } from './calendar-date';
import type { Cents } from './cents';

export type EntrySourceKind =
  | 'charge'
  | '835'
  | 'patient-payment'
  | 'write-off'
  | 'reversal'
  | 'transfer'
  | 'refund'
  | 'unapplied-application';

export interface EntrySource {
  readonly kind: EntrySourceKind;
  /** Id of the stored document behind the entry (835 file, payment receipt, approval). */
  readonly documentId: string;
  /** Reference inside that document (payer claim number, payment reference). Never PHI. */
  readonly reference?: string;
}

/** Why a line exists, shown to billing staff next to the amount. */
export interface LineMemo {
  readonly lineControlNumber?: string;
  readonly procedureCode?: string;
  readonly group?: 'CO' | 'PR' | 'OA' | 'PI';
  readonly reasonCode?: string;
  readonly patientShare?: 'deductible' | 'coinsurance' | 'copay' | 'other';
  readonly note?: string;
}

export interface LedgerLine {
  readonly account: AccountId;
  readonly debitCents: Cents;
  readonly creditCents: Cents;
  readonly memo?: LineMemo;
}

/**
 * An immutable journal entry. Corrections never edit an entry: a `reversal` entry mirrors it
 * (same accounts, debit and credit swapped) and names it in `reversesEntryId`.
 *
 * An entry may have no lines: it then records that a document was processed without moving
 * money (a full denial, a pricing-only remittance), which keeps repeated postings idempotent.
 */
export interface LedgerEntry {
  readonly entryId: string;
  readonly examId: string;
  readonly claimId?: string;
  readonly lines: readonly LedgerLine[];
  readonly source: EntrySource;
  readonly effectiveDate: CalendarDate;
  readonly idempotencyKey: string;
  readonly reversesEntryId?: string;
  /** The entry may leave a receivable below zero (a credit balance to be refunded or re-posted). */
  readonly allowCreditBalance?: boolean;
}

/** Two lines moving `amountCents` from `creditAccount` to `debitAccount`; a negative amount moves it back; zero yields nothing. */
export function movement(
  debitAccount: AccountId,
  creditAccount: AccountId,
  amountCents: Cents,
  memo?: LineMemo,
): LedgerLine[] {
  if (amountCents === 0) return [];
  const amount = Math.abs(amountCents);
  const [dr, cr] = amountCents > 0 ? [debitAccount, creditAccount] : [creditAccount, debitAccount];
  const withMemo = memo ? { memo } : {};
  return [
    { account: dr, debitCents: amount, creditCents: 0, ...withMemo },
    { account: cr, debitCents: 0, creditCents: amount, ...withMemo },
  ];
}

export function entryTotals(entry: Pick<LedgerEntry, 'lines'>): { debitCents: Cents; creditCents: Cents } {
  let debitCents = 0;
  let creditCents = 0;
  for (const line of entry.lines) {
    debitCents += line.debitCents;
    creditCents += line.creditCents;
  }
  return { debitCents, creditCents };
}
