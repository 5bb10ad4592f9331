import type { ColumnType, JSONColumnType } from 'kysely';

/** One scrubber finding as stored and shown: codes, field paths and plain words, never patient data. */
export interface StoredScrubFinding {
  code: string;
  severity: 'error' | 'warning';
  field: string;
  message: string;
  fix: string;
  autoFixed: boolean;
}

/** The findings of an exam's claim (one row per claim kind) from its latest coding. */
export interface ClaimScrubFindingsTable {
  exam_id: string;
  claim_kind: 'global' | 'professional' | 'technical';
  date_of_service: string;
  scrub_findings: JSONColumnType<StoredScrubFinding[]>;
  refdata_versions: ColumnType<string[], string[] | undefined, string[]>;
  coded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
