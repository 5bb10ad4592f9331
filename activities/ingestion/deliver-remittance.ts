import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { examContinuationQuery } from '../../workflows/exam/messages';
import { remittanceId } from '../../workflows/exam/payer-event-adapter';
import { type ClaimRemittance, remittanceReceivedSignal } from '../../workflows/exam/payer-events';
import { EXAM_WORKFLOW_TYPE, examWorkflowId, isExamId } from '../../workflows/names';

/**
 * How a remittance reached its exam: `signaled` (the exam's workflow was running), `reopened` (the exam had
 * closed: a new run of the same workflow id carries its state and posts the late payment), `already-posted`
 * (the closed exam had taken this remittance before), or `unmatched` with the reason it became work for a biller.
 */
export type RemittanceDelivery =
  | { outcome: 'signaled' | 'reopened' | 'already-posted' }
  | { outcome: 'unmatched'; reason: string };

export interface RemittanceDeliveryOptions {
  /**
   * Writes what the payment changes in our records (the claim's status, its history, the denials): called before
   * each signal the exam could take, never for an exam that cannot take it (cancelled, ended). Idempotent.
   */
  beforeSignal?: () => Promise<void>;
}

/**
 * Delivers one claim's remittance to its exam. A closed exam is reopened for it (the lifecycle posts a payment
 * after close and opens the refund work); a cancelled exam, or one whose workflow ended otherwise or whose
 * history is gone, is not reopened: the caller records the claim as unmatched work. Reopening is serialized per
 * exam (an advisory lock), so two late files for one exam never start two runs from the same closed state.
 * The claim rows (`beforeSignal`) are written before the exam is signalled. Temporal being unreachable throws:
 * the delivery is retried (the exam takes a remittance once per payer, trace number and claim).
 */
export async function deliverRemittance(deps: { db: Db; temporal: Client }, examId: string, event: ClaimRemittance, options: RemittanceDeliveryOptions = {}): Promise<RemittanceDelivery> {
  if (!isExamId(examId)) return { outcome: 'unmatched', reason: 'the claim belongs to no exam of this engine' };
  const workflowId = examWorkflowId(examId);
  const handle = deps.temporal.workflow.getHandle(workflowId);
  const beforeSignal = options.beforeSignal ?? (async () => undefined);
  const signal = async (): Promise<boolean> => {
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') return false;
      await beforeSignal();
      await handle.signal(remittanceReceivedSignal, event);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  };
  if (await signal()) return { outcome: 'signaled' };

  return deps.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`exam-reopen:${examId}`}, 0))`.execute(trx);
    // Another delivery may have reopened the exam meanwhile: its new run takes the signal.
    if (await signal()) return { outcome: 'signaled' } as const;
    let status: string;
    let taskQueue: string;
    try {
      const description = await handle.describe();
      status = description.status.name;
      taskQueue = description.taskQueue;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { outcome: 'unmatched', reason: "the exam's workflow history is no longer kept: post the payment by hand" } as const;
      throw err;
    }
    if (status !== 'COMPLETED') {
      return { outcome: 'unmatched', reason: `the exam's workflow ended (${status.toLowerCase().replace(/_/g, ' ')}) and cannot be reopened: post the payment by hand` } as const;
    }
    const continuation = await handle.query(examContinuationQuery);
    const lifecycle = continuation.carried?.lifecycle;
    if (!lifecycle) return { outcome: 'unmatched', reason: "the exam's state cannot be read: post the payment by hand" } as const;
    if (lifecycle.processedEventIds.includes(`835:${remittanceId(event)}`)) return { outcome: 'already-posted' } as const;
    if (lifecycle.phase === 'cancelled') {
      return { outcome: 'unmatched', reason: 'the exam was cancelled and its claims voided: refund or re-bill the payment' } as const;
    }
    if (lifecycle.phase !== 'closed') return { outcome: 'unmatched', reason: `the exam's workflow ended in phase ${lifecycle.phase} and cannot be reopened` } as const;
    await beforeSignal();
    await deps.temporal.workflow.signalWithStart(EXAM_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [continuation],
      signal: remittanceReceivedSignal,
      signalArgs: [event],
      // A closed exam's id takes a new run; a running one (a concurrent reopen) just takes the signal.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return { outcome: 'reopened' } as const;
  });
}
