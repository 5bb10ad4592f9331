import type { ColumnType, JSONColumnType } from 'kysely';

/** One coded line of an exam as the same-day edits compare it: codes and units only. */
export interface StoredSameDayLine {
  claimKind: 'global' | 'professional' | 'technical';
  cpt: string;
  modifiers: string[];
  units: number;
}

/** The coded lines of an exam for its date of service; the patient only as keyed hashes. */
export interface SameDayLinesTable {
  exam_id: string;
  date_of_service: string;
  patient_keys: ColumnType<string[], string[], string[]>;
  lines: JSONColumnType<StoredSameDayLine[]>;
  coded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
