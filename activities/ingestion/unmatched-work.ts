import type { Db } from '../../db/database';
import { PRIORITY_RANK, TASK_DEFINITIONS } from '../../domain/lifecycle';
import { DEFAULT_GLOBAL_CONFIG } from '../../domain/policy';

/** What the work queue says of a task that belongs to no exam: it came from the inbound path. */
const UNMATCHED_WORK_SOURCE = 'unmatched-remittance';
/** At most this many of a file's unmatched claims are listed in its task's context (all are in the file's status). */
const LISTED_CLAIMS = 100;

export interface UnmatchedClaim {
  documentId: string;
  /** '835', '999' or '277CA' */
  type: string;
  payerId?: string;
  trace?: string;
  /** the payer's reference of the claim (CLP01, TRN02 or ST02) */
  reference: string;
  charge?: number;
  paid?: number;
  /** why it is not ours to post, in plain words */
  reason: string;
  /** the exam whose claim it names when that exam cannot take it (cancelled, its workflow gone) */
  examId?: string;
}

/** Hours staff have for unmatched remittance work (global config). */
function unmatchedWorkDueHours(): number {
  return DEFAULT_GLOBAL_CONFIG.policyDefaults.taskDueHours['remittance-unmatched'];
}

/** The work item of a file's unmatched claims: one per file, its id opaque (made from the file's id). */
export function unmatchedWorkTaskId(fileId: string): string {
  return `rmu_${fileId}`;
}

/**
 * Records a claim of a payer response that no exam takes. Once per document and claim reference: the same claim
 * delivered again adds nothing. Its work item is opened for the whole file by `openUnmatchedWork`.
 */
export async function recordUnmatchedClaim(db: Db, row: UnmatchedClaim): Promise<void> {
  await db.insertInto('unmatched_remittance_claims').values({
    document_id: row.documentId, transaction_type: row.type, payer_id: row.payerId ?? null, trace_number: row.trace ?? null,
    claim_reference: row.reference.slice(0, 80), charge_cents: row.charge ?? null, paid_cents: row.paid ?? null, reason: row.reason,
  }).onConflict((oc) => oc.columns(['document_id', 'claim_reference']).doNothing()).execute();
}

/**
 * Opens ONE `remittance-unmatched` task in the biller queue for the unmatched claims of a file, listing them (a
 * biller resolves it claim by claim). Idempotent: the task id is the file's; claims already on a task stay there.
 * Returns the task id, or null when every claim of the file was delivered.
 */
export async function openUnmatchedWork(db: Db, fileId: string, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('unmatched_remittance_claims')
      .select(['claim_reference', 'transaction_type', 'payer_id', 'trace_number', 'charge_cents', 'paid_cents', 'reason', 'task_id'])
      .where('document_id', '=', fileId).orderBy('id').execute();
    if (rows.length === 0) return null;
    const taskId = unmatchedWorkTaskId(fileId);
    const examIds = await trx.selectFrom('ingestion_items').select(['claim_reference', 'exam_id']).where('file_id', '=', fileId).where('outcome', '=', 'unmatched').execute();
    const examOf = new Map(examIds.map((r) => [r.claim_reference, r.exam_id]));
    const listed = rows.slice(0, LISTED_CLAIMS).map((r) => ({
      claimReference: r.claim_reference, chargeCents: r.charge_cents, paidCents: r.paid_cents, reason: r.reason, examId: examOf.get(r.claim_reference) ?? null,
    }));
    const first = rows[0]!;
    const only = rows.length === 1 ? listed[0]! : undefined;
    const definition = TASK_DEFINITIONS['remittance-unmatched'];
    await trx.insertInto('tasks').values({
      task_id: taskId, exam_id: null, type: 'remittance-unmatched', queue: definition.queue, priority: definition.priority, priority_rank: PRIORITY_RANK[definition.priority],
      claim_id: null, status: 'open', escalated: false, due_at: new Date(now.getTime() + unmatchedWorkDueHours() * 3_600_000), opened_at: now, closed_at: null,
      context: JSON.stringify({
        source: UNMATCHED_WORK_SOURCE,
        transactionType: first.transaction_type,
        payerId: first.payer_id,
        traceNumber: first.trace_number,
        documentId: fileId,
        fileId,
        claimCount: rows.length,
        reason: only ? only.reason : `${rows.length} claims of the file were not taken by any exam: resolve each (name its claimReference)`,
        claims: listed,
        // one claim: its fields at the top, as the work queue showed single items before
        ...(only ? { claimReference: only.claimReference, chargeCents: only.chargeCents, paidCents: only.paidCents, examId: only.examId } : { examId: null }),
      }),
      resolution_action: null, resolved_by: null, version: 0,
    }).onConflict((oc) => oc.column('task_id').doNothing()).execute();
    await trx.updateTable('unmatched_remittance_claims').set({ task_id: taskId }).where('document_id', '=', fileId).where('task_id', 'is', null).execute();
    return taskId;
  });
}
