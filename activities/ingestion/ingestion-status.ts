import type { Db } from '../../db/database';
import type { IngestionFileStatus, IngestionItemOutcome } from '../../db/ingestion-tables';

export interface IngestionItemStatus {
  claimReference: string;
  traceNumber: string | null;
  examId: string | null;
  claimId: string | null;
  claimVersion: number | null;
  claimStatus: string | null;
  /** null while not yet delivered */
  outcome: IngestionItemOutcome | null;
  signaled: boolean;
  reason: string | null;
}

export interface IngestionFileView {
  fileId: string;
  transactionType: string;
  source: string;
  status: IngestionFileStatus;
  payerId: string | null;
  traceNumber: string | null;
  fileName: string | null;
  receivedAt: string;
  deliveredAt: string | null;
  error: string | null;
  claimCount: number;
  findings: number;
  counts: { pending: number; signaled: number; reopened: number; alreadyPosted: number; examEnded: number; unmatched: number };
  unmatchedTaskId: string | null;
  claims: IngestionItemStatus[];
  /** more claims than listed: page on with `offset` */
  nextOffset: number | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** A stored payer file's delivery as its status URL shows it: the file, its counts and a page of per-claim results. */
export async function ingestionFileView(db: Db, fileId: string, page: { offset?: number; limit?: number } = {}): Promise<IngestionFileView | undefined> {
  const file = await db.selectFrom('ingestion_files').innerJoin('x12_documents', 'x12_documents.id', 'ingestion_files.file_id')
    .select(['ingestion_files.file_id', 'ingestion_files.transaction_type', 'ingestion_files.source', 'ingestion_files.status', 'ingestion_files.payer_id',
      'ingestion_files.trace_number', 'ingestion_files.received_at', 'ingestion_files.delivered_at', 'ingestion_files.error', 'ingestion_files.claim_count',
      'ingestion_files.findings', 'ingestion_files.unmatched_task_id', 'x12_documents.file_name'])
    .where('ingestion_files.file_id', '=', fileId).executeTakeFirst();
  if (!file) return undefined;
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 500;
  const [rows, tally] = await Promise.all([
    db.selectFrom('ingestion_items').selectAll().where('file_id', '=', fileId).orderBy('item_index').offset(offset).limit(limit + 1).execute(),
    db.selectFrom('ingestion_items').select(['outcome', db.fn.countAll<string>().as('n')]).where('file_id', '=', fileId).groupBy('outcome').execute(),
  ]);
  const count = (o: IngestionItemOutcome | null) => Number(tally.find((t) => t.outcome === o)?.n ?? 0);
  return {
    fileId: file.file_id, transactionType: file.transaction_type, source: file.source, status: file.status, payerId: file.payer_id, traceNumber: file.trace_number,
    fileName: file.file_name, receivedAt: iso(file.received_at)!, deliveredAt: iso(file.delivered_at), error: file.error, claimCount: file.claim_count, findings: file.findings,
    counts: { pending: count(null), signaled: count('signaled'), reopened: count('reopened'), alreadyPosted: count('already-posted'), examEnded: count('exam-ended'), unmatched: count('unmatched') },
    unmatchedTaskId: file.unmatched_task_id,
    claims: rows.slice(0, limit).map((r) => ({
      claimReference: r.claim_reference, traceNumber: r.trace_number, examId: r.exam_id, claimId: r.claim_id, claimVersion: r.claim_version, claimStatus: r.claim_status,
      outcome: r.outcome, signaled: r.outcome === 'signaled' || r.outcome === 'reopened' || r.outcome === 'already-posted', reason: r.reason,
    })),
    nextOffset: rows.length > limit ? offset + limit : null,
  };
}
