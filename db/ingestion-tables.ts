import type { ColumnType } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type IngestionFileStatus = 'received' | 'delivering' | 'delivered' | 'failed';
export type IngestionItemOutcome = 'signaled' | 'reopened' | 'already-posted' | 'exam-ended' | 'unmatched';

/** An inbound payer file (835, 999, 277CA) stored before its delivery; `file_id` is its `x12_documents` id. */
export interface IngestionFileTable {
  file_id: string;
  transaction_type: string;
  source: string;
  status: IngestionFileStatus;
  payer_id: string | null;
  trace_number: string | null;
  claim_count: ColumnType<number, number | undefined, number>;
  findings: ColumnType<number, number | undefined, number>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  /** the one `remittance-unmatched` work item listing the file's unmatched claims */
  unmatched_task_id: ColumnType<string | null, string | null | undefined, string | null>;
  received_at: DefaultedTimestamp;
  delivered_at: NullableTimestamp;
  updated_at: DefaultedTimestamp;
}

/** A key that identifies a file (its bytes, or an 835's payer and trace number), owned by the first file that had it. */
export interface IngestionFileKeyTable {
  key: string;
  file_id: string;
}

/** One claim payment or acknowledgment of a file and where it went. */
export interface IngestionItemTable {
  file_id: string;
  item_index: number;
  claim_reference: string;
  trace_number: string | null;
  /** the claim's exam: known at receipt when the claim is ours (the order of delivery follows it), set by the delivery */
  exam_id: ColumnType<string | null, string | null | undefined, string | null>;
  claim_id: ColumnType<string | null, string | null | undefined, string | null>;
  claim_version: ColumnType<number | null, number | null | undefined, number | null>;
  claim_status: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: ColumnType<IngestionItemOutcome | null, IngestionItemOutcome | null | undefined, IngestionItemOutcome | null>;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_at: NullableTimestamp;
}
