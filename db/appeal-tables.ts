import type { ColumnType } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** One written appeal request (or reopening, level 0) per claim version and level; its PDF is a `documents` row. */
export interface AppealRequestTable {
  claim_id: string;
  version: number;
  level: number;
  exam_id: string;
  payer_id: string;
  level_name: string;
  vehicle: string;
  form: string | null;
  document_id: string;
  /** YYYY-MM-DD: the 835's date the deadline counts from */
  remittance_date: string;
  /** YYYY-MM-DD: last day to file */
  deadline: string;
  disputed_cents: number;
  status: 'prepared' | 'filed' | 'to-send';
  created_at: DefaultedTimestamp;
  filed_at: NullableTimestamp;
}
