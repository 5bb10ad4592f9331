import type { Db } from '../../db/database';
import { PRIORITY_RANK, TASK_DEFINITIONS } from '../../domain/lifecycle';
import { DEFAULT_GLOBAL_CONFIG } from '../../domain/policy';

/** What the work queue says of a task that belongs to no exam: it came from the inbound path. */
const UNMATCHED_WORK_SOURCE = 'unmatched-remittance';

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

/**
 * Records a claim of a payer response that no exam takes, and opens its `remittance-unmatched` task in the
 * biller queue, in one transaction. Once per document and claim reference: the same 835 again adds nothing.
 * The task id is opaque (the claim reference may be a patient account number of another provider).
 */
export async function recordUnmatchedWork(db: Db, row: UnmatchedClaim, now: Date): Promise<{ taskId: string | null }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('unmatched_remittance_claims')
      .values({
        document_id: row.documentId,
        transaction_type: row.type,
        payer_id: row.payerId ?? null,
        trace_number: row.trace ?? null,
        claim_reference: row.reference.slice(0, 80),
        charge_cents: row.charge ?? null,
        paid_cents: row.paid ?? null,
        reason: row.reason,
      })
      .onConflict((oc) => oc.columns(['document_id', 'claim_reference']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { taskId: null };
    const taskId = `rmu_${inserted.id}`;
    await trx.updateTable('unmatched_remittance_claims').set({ task_id: taskId }).where('id', '=', inserted.id).execute();
    const definition = TASK_DEFINITIONS['remittance-unmatched'];
    await trx
      .insertInto('tasks')
      .values({
        task_id: taskId,
        exam_id: null,
        type: 'remittance-unmatched',
        queue: definition.queue,
        priority: definition.priority,
        priority_rank: PRIORITY_RANK[definition.priority],
        claim_id: null,
        status: 'open',
        escalated: false,
        due_at: new Date(now.getTime() + unmatchedWorkDueHours() * 3_600_000),
        opened_at: now,
        closed_at: null,
        context: JSON.stringify({
          source: UNMATCHED_WORK_SOURCE,
          transactionType: row.type,
          payerId: row.payerId ?? null,
          traceNumber: row.trace ?? null,
          claimReference: row.reference.slice(0, 80),
          chargeCents: row.charge ?? null,
          paidCents: row.paid ?? null,
          documentId: row.documentId,
          reason: row.reason,
          examId: row.examId ?? null,
        }),
        resolution_action: null,
        resolved_by: null,
        version: 0,
      })
      .onConflict((oc) => oc.column('task_id').doNothing())
      .execute();
    return { taskId };
  });
}
