import type { ColumnType, JSONColumnType } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** The sandbox payer's received claim files, with the answers it made of each (one row per file name). */
export interface SandboxReceivedFileTable {
  file_name: string;
  sha256: string;
  claim_id: string | null;
  responses: JSONColumnType<{ name: string; transactionType: '999' | '277CA' | '835'; x12: string }[]>;
  received_at: DefaultedTimestamp;
  delivered_at: NullableTimestamp;
  delivering_until: NullableTimestamp;
}

/** The filedrop's sent ledger: staged beside the outbox, then sent (moved into the outbox). */
export interface FiledropSentFileTable {
  file_name: string;
  sha256: string;
  status: 'staged' | 'sent';
  staged_at: DefaultedTimestamp;
  sent_at: NullableTimestamp;
}

/** One appeal per claim version and level: recorded before it is sent. */
export interface AppealSubmissionTable {
  claim_id: string;
  version: number;
  level: number;
  exam_id: string;
  document_id: string;
  file_name: string;
  status: 'prepared' | 'sent';
  created_at: DefaultedTimestamp;
  sent_at: NullableTimestamp;
}

/** One real-time request (270, 276, 278) per request key: the answer stored is what a retry returns. */
export interface RealTimeRequestTable {
  request_key: string;
  transaction_type: '270' | '276' | '278';
  exam_id: string;
  payer_id: string;
  request_document_id: string;
  answer_document_id: string | null;
  status: 'prepared' | 'answered' | 'no-response';
  result: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: DefaultedTimestamp;
  answered_at: NullableTimestamp;
}

/** One change to a claim the payer has (a void, a correction by reopening request) per claim version: recorded before it is sent. */
export interface ClaimChangeRequestTable {
  claim_id: string;
  version: number;
  exam_id: string;
  payer_id: string;
  kind: 'void' | 'correction';
  vehicle: 'frequency-8' | 'reopening-request' | 'none';
  reason: string;
  document_id: string | null;
  payer_claim_number: string | null;
  status: 'prepared' | 'sent';
  created_at: DefaultedTimestamp;
  sent_at: NullableTimestamp;
}
