import type { Client } from '@temporalio/client';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { deliverRemittance } from '../activities/ingestion/deliver-remittance';
import { recordClaimRemittance } from '../activities/ingestion/record-claim-remittance';
import { storedClaimPayment } from '../activities/ingestion/stored-claim-payment';
import { toClaimAdjudication } from '../activities/ingestion/to-claim-adjudication';
import type { Db } from '../db/database';
import type { TaskTable } from '../db/lifecycle-tables';
import type { ClaimRemittance } from '../workflows/exam/payer-events';
import { ApiError, notFound } from './errors';

const note = z.string().trim().max(2000);

/**
 * How a biller settles a claim payment that no exam took (a `remittance-unmatched` task without an exam):
 * `matched` posts it to one of our exams (and claim) through the inbound path's delivery, `returned-to-payer`
 * names the refund or return reference, `not-ours` says why in a note.
 */
const claimReference = z.string().trim().min(1).max(80);
const UnmatchedResolutionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('matched'), examId: z.string().trim().min(1).max(64), claimId: z.string().trim().min(1).max(80).optional(), claimReference: claimReference.optional(), note: note.optional() }).strict(),
  z.object({ action: z.literal('returned-to-payer'), reference: z.string().trim().min(1).max(100), claimReference: claimReference.optional(), note: note.optional() }).strict(),
  z.object({ action: z.literal('not-ours'), note: note.min(1, 'say why the payment is not ours'), claimReference: claimReference.optional() }).strict(),
]);
type UnmatchedResolution = z.infer<typeof UnmatchedResolutionSchema>;

type TaskRow = Selectable<TaskTable>;
type WorkRow = { id: string; document_id: string; transaction_type: string; payer_id: string | null; trace_number: string | null; claim_reference: string };

/** A task of the work queue that belongs to no exam: unmatched remittance work, resolved here (no workflow owns it). */
export const isUnmatchedWork = (task: { exam_id: string | null }): boolean => task.exam_id === null;

const invalid = (code: string, message: string) => new ApiError(422, code, message);

/** Delivers the stored claim payment to the exam and claim the biller named; the exam's workflow posts it. */
async function matchToExam(deps: { db: Db; temporal: Client }, work: WorkRow, r: Extract<UnmatchedResolution, { action: 'matched' }>, now: Date) {
  const { db } = deps;
  if (work.transaction_type !== '835') throw invalid('not_a_remittance', 'only an 835 claim payment can be matched to an exam; an acknowledgment is returned-to-payer or not-ours');
  const exam = await db.selectFrom('exams').select(['exam_id']).where('exam_id', '=', r.examId).executeTakeFirst();
  if (!exam) throw invalid('unknown_exam', 'no exam with this id');
  const claims = await db.selectFrom('claims').select(['claim_id', 'version', 'exam_id']).where('exam_id', '=', r.examId).orderBy('claim_id').execute();
  let target = r.claimId ? claims.find((c) => c.claim_id === r.claimId) : claims.find((c) => c.claim_id === work.claim_reference);
  if (!r.claimId && !target && claims.length === 1) target = claims[0];
  if (!target) {
    if (r.claimId) throw invalid('unknown_claim', 'the exam has no claim with this id');
    throw invalid('claim_required', claims.length === 0 ? 'the exam has no claim to post the payment to' : 'the exam has several claims: name the claimId');
  }
  const stored = await storedClaimPayment(db, { documentId: work.document_id, traceNumber: work.trace_number, claimReference: work.claim_reference });
  if (!stored) throw invalid('claim_not_in_remittance', 'the stored 835 holds no claim payment with this reference');
  const adjudication = toClaimAdjudication(stored.clp, stored.remit);
  const event: ClaimRemittance = {
    // the payer + trace number ingestion keyed the remittance by: the exam's ledger reads the stored 835 by them
    remittance: { payerId: work.payer_id ?? '', traceNumber: work.trace_number ?? '', documentId: work.document_id, paymentDate: stored.remit.payment.date },
    claimVersion: target.version,
    adjudication,
    receivedAt: now.toISOString(),
    ...(adjudication.claimId === target.claim_id ? {} : { matchedClaimId: target.claim_id }),
  };
  // the claim's rows are written before its exam hears of the payment (and only when the exam can take it)
  const record = () => recordClaimRemittance(db, {
    claimId: target.claim_id, claimVersion: target.version, examId: target.exam_id, payerId: event.remittance.payerId,
    traceNumber: event.remittance.traceNumber, documentId: work.document_id, clp: stored.clp, remit: stored.remit,
  }, now);
  let delivery: Awaited<ReturnType<typeof deliverRemittance>>;
  try {
    delivery = await deliverRemittance(deps, target.exam_id, event, { beforeSignal: record });
  } catch {
    throw new ApiError(503, 'temporarily_unavailable', 'the exam could not be reached; try again shortly (a repeat is safe)');
  }
  if (delivery.outcome === 'unmatched') throw invalid('not_deliverable', `the exam cannot take the payment: ${delivery.reason}`);
  if (delivery.outcome === 'already-posted') await record();
  return { examId: target.exam_id, claimId: target.claim_id, delivery: delivery.outcome };
}

/**
 * Resolves unmatched remittance work: validated (422), once (409 when no longer open; concurrent resolutions of
 * the task wait on its row), and recorded on the task (action, who, when; the outcome in its context, no note)
 * and on the unmatched claim (with the note). A task lists the unmatched claims of one file: each resolution
 * settles the claim it names (`claimReference`, needed while several are open), and the task is resolved with its
 * last claim. Returns the task as it is now. `hooks.beforeCommit` runs in the resolution's transaction (its audit
 * row: committed with the resolution, or neither); `hooks.beforeDelivery` before a `matched` payment is delivered to
 * its exam (a change outside this transaction: its intent is recorded first).
 */
export async function resolveUnmatchedWork(
  deps: { db: Db; temporal: Client },
  taskId: string,
  body: unknown,
  resolvedBy: string,
  now = new Date(),
  hooks: { beforeCommit?: (trx: Db) => Promise<void>; beforeDelivery?: () => Promise<void> } = {},
): Promise<{ task: TaskRow; delivery: string | null }> {
  const parsed = UnmatchedResolutionSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(422, 'invalid_event', 'invalid resolution for remittance-unmatched', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const r = parsed.data;
  return deps.db.transaction().execute(async (trx) => {
    const task = await trx.selectFrom('tasks').selectAll().where('task_id', '=', taskId).forUpdate().executeTakeFirst();
    if (!task) throw notFound('task');
    if (task.status !== 'open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
    const open = await trx.selectFrom('unmatched_remittance_claims').select(['id', 'document_id', 'transaction_type', 'payer_id', 'trace_number', 'claim_reference'])
      .where('task_id', '=', taskId).where('status', '=', 'open').orderBy('id').execute();
    if (open.length === 0) throw notFound('task');
    const work = r.claimReference ? open.find((w) => w.claim_reference === r.claimReference) : open.length === 1 ? open[0] : undefined;
    if (!work) {
      throw r.claimReference
        ? invalid('unknown_claim_reference', 'no open claim of this work item has this claimReference')
        : invalid('claim_reference_required', `the work item lists ${open.length} open claims: name the claimReference to resolve`);
    }
    const last = open.length === 1;
    let outcome: Record<string, string> = { action: r.action, claimReference: work.claim_reference };
    let delivery: string | null = null;
    if (r.action === 'matched') {
      await hooks.beforeDelivery?.();
      const matched = await matchToExam(deps, work, r, now);
      delivery = matched.delivery;
      outcome = { ...outcome, examId: matched.examId, claimId: matched.claimId, delivery: matched.delivery };
    } else if (r.action === 'returned-to-payer') {
      outcome = { ...outcome, reference: r.reference };
    }
    // every claim's outcome stays on the task; the last one closes it
    const resolutions = [...(((task.context as Record<string, unknown>).resolutions as unknown[] | undefined) ?? []), outcome];
    const updated = await trx.updateTable('tasks').set({
      ...(last ? { status: 'resolved', closed_at: now, resolution_action: r.action, resolved_by: resolvedBy } : {}),
      context: JSON.stringify({ ...task.context, resolution: outcome, resolutions }), updated_at: now,
    }).where('task_id', '=', taskId).returningAll().executeTakeFirstOrThrow();
    await trx.updateTable('unmatched_remittance_claims').set({
      status: 'resolved', resolution: JSON.stringify({ ...outcome, ...(r.note ? { note: r.note } : {}) }), resolved_by: resolvedBy, resolved_at: now,
    }).where('id', '=', work.id).execute();
    await hooks.beforeCommit?.(trx as unknown as Db);
    return { task: updated, delivery };
  });
}
