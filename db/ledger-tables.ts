import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint cents: read as number (db/database.ts parses int8). */
type BigCents = number;
/** date columns: written as 'YYYY-MM-DD'; read as Date by pg unless cast (select with to_char or ::text). */
type CalendarDateColumn = ColumnType<Date | string, string, string>;

/** One immutable journal entry per posted document (UNIQUE idempotency_key). */
export interface LedgerEntryTable {
  entry_id: string;
  exam_id: string;
  claim_id: string | null;
  idempotency_key: string;
  source_kind: string;
  document_id: string;
  reference: string | null;
  effective_date: CalendarDateColumn;
  reverses_entry_id: string | null;
  posted_by: string | null;
  posted_at: DefaultedTimestamp;
}

export interface LedgerLineTable {
  id: Generated<string>;
  entry_id: string;
  line_no: number;
  exam_id: string;
  claim_id: string | null;
  account: string;
  account_class: string;
  payer_id: string | null;
  debit_cents: BigCents;
  credit_cents: BigCents;
  memo: JSONColumnType<Record<string, unknown>> | null;
  effective_date: CalendarDateColumn;
}

/** Debit-positive balance by exam, claim ('' for none) and account, kept with each entry. */
export interface LedgerBalanceTable {
  exam_id: string;
  claim_key: string;
  account: string;
  account_class: string;
  payer_id: string | null;
  balance_cents: BigCents;
  updated_at: DefaultedTimestamp;
}
