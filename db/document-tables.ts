import type { ColumnType } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * Rendered documents (patient statements, appeal letters): the bytes live here, workflow history
 * carries only the id. `bytes` holds PHI: never logged. UNIQUE idempotency_key: a document rendered
 * again by a retried activity is stored once.
 */
export interface DocumentTable {
  id: string;
  exam_id: string | null;
  claim_id: string | null;
  kind: 'statement' | 'appeal-letter' | 'claim-change-request';
  content_type: string;
  idempotency_key: string;
  sha256: string;
  size_bytes: number;
  bytes: Buffer;
  created_at: DefaultedTimestamp;
}
