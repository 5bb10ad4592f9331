import type { ColumnType, Generated } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** date columns: written as 'YYYY-MM-DD'; read as Date by pg unless cast (select with to_char or ::text). */
type CalendarDateColumn = ColumnType<Date | string, string, string>;

/** A prior authorization on file (UNIQUE payer_id + auth_number). `patient_key` is a digest, never an identifier. */
export interface PriorAuthorizationTable {
  id: Generated<number>;
  payer_id: string;
  auth_number: string;
  patient_key: string;
  cpts: ColumnType<string[], string[] | undefined, string[]>;
  cpt_family: string | null;
  units_authorized: number;
  valid_from: CalendarDateColumn;
  valid_to: CalendarDateColumn;
  status: 'approved' | 'pending' | 'denied' | 'expired' | 'cancelled';
  source: '278' | 'staff';
  source_exam_id: string;
  document_id: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

/** Units of an authorization one exam uses (PRIMARY KEY authorization_id + exam_id). */
export interface PriorAuthorizationUseTable {
  authorization_id: number;
  exam_id: string;
  units: number;
  created_at: DefaultedTimestamp;
}
