import type { ColumnType, Generated } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** a date column: read and written as YYYY-MM-DD */
type DateColumn = ColumnType<string, string, string>;

/** One priced code of a billing entity's chargemaster, over a range of dates of service (effective_to inclusive). */
export interface ChargemasterItemTable {
  id: Generated<number>;
  entity_id: string;
  code: string;
  modifier: ColumnType<string, string | undefined, string>;
  price_cents: number;
  revenue_code: string | null;
  effective_from: DateColumn;
  effective_to: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string, string | undefined, string>;
  updated_by: string;
  updated_at: DefaultedTimestamp;
}

/** A payer's contract with one billing entity: the validated JSON body (domain/contracts), versioned. */
export interface PayerContractTable {
  payer_id: string;
  entity_id: string;
  body: ColumnType<unknown, string, string>;
  version: Generated<number>;
  updated_by: string;
  updated_at: DefaultedTimestamp;
}
