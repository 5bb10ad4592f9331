import { addDuration, timerDurations } from '../policy';
import { isFinal } from './claim-flow';
import type { Effect } from './effect';
import type { ExamEventOf } from './exam-event';
import type { ExamDraft } from './exam-draft';
import { claimPolicy, type TaskRecord } from './exam-state';
import { isTerminal } from './phase';

/** Work about one claim: building and sending it, its secondary billing, its appeal, its status inquiry. */
const CLAIM_WORK: readonly Effect['type'][] = ['build-claim', 'submit-claim', 'bill-secondary', 'submit-appeal', 'status-inquiry', 'void-claim', 'request-reopening'];

/** The claim a piece of work is about (a secondary billing's: the secondary claim). */
function claimIdOf(effect: Effect): string | null {
  if (effect.type === 'bill-secondary') return effect.secondaryClaimId;
  return 'claimId' in effect && typeof effect.claimId === 'string' ? effect.claimId : null;
}

/** Work that sends a claim version: while it has not gone out, no acknowledgment is awaited for it. */
function sendsClaim(effect: Effect): boolean {
  return effect.type === 'submit-claim' || (effect.type === 'bill-secondary' && !effect.crossover);
}

/**
 * Work that failed for good becomes a task for the queue that can fix it: the biller for a claim or appeal
 * that could not be built or sent (`claim-build-error`: correct the data, then retry, or request a write-off),
 * the front desk for anything else (`interface-error`: data that could not be used). The task carries the
 * failure (codes only); the work itself is kept so that `retry` runs it again.
 */
export function workFailed(d: ExamDraft, ev: ExamEventOf<'work-failed'>): void {
  const s = d.state;
  const effect = ev.effect as unknown as Effect;
  // The failed work will not answer: intake work that failed takes the validation that follows it along.
  d.answered(effect.type, ...(effect.type === 'record-intake' ? ['validate-intake'] : []));
  // Nothing is left to fix on a cancelled exam.
  if (s.phase === 'cancelled') return;
  const claimId = claimIdOf(effect);
  const claim = claimId ? s.claims.find((c) => c.claimId === claimId) : undefined;
  const context = {
    work: effect.type,
    phase: s.phase,
    errorType: ev.failure.type,
    message: ev.failure.message,
    details: ev.failure.details,
    ...(claimId ? { claimId } : {}),
    ...('version' in effect && typeof effect.version === 'number' ? { version: effect.version } : {}),
  };
  let task: TaskRecord;
  if (CLAIM_WORK.includes(effect.type) && claim) {
    if (sendsClaim(effect)) d.cancelTimers((t) => t.claimId === claim.claimId && (t.kind === 'ack-999' || t.kind === 'ack-277ca'));
    task = d.openTask('claim-build-error', claim.claimId, context);
  } else {
    task = d.openTask('interface-error', null, context);
  }
  const kept = (s.failedWork ??= []);
  if (!kept.some((w) => w.taskId === task.taskId && JSON.stringify(w.effect) === JSON.stringify(effect))) kept.push({ taskId: task.taskId, effect });
}

/** The failed work a task holds (and forgets it): what `retry` runs again. */
function takeFailedWork(d: ExamDraft, task: TaskRecord): Effect[] {
  const s = d.state;
  const held = (s.failedWork ?? []).filter((w) => w.taskId === task.taskId || (task.claimId !== null && claimIdOf(w.effect) === task.claimId && task.type === 'claim-build-error'));
  s.failedWork = (s.failedWork ?? []).filter((w) => !held.includes(w));
  return held.map((w) => w.effect);
}

/** Forgets the failed work of a task that will not be retried (the exam was cancelled, the claim written off). */
export function dropFailedWork(d: ExamDraft, pred: (effect: Effect) => boolean = () => true): void {
  if (d.state.failedWork) d.state.failedWork = d.state.failedWork.filter((w) => !pred(w.effect));
}

/** `retry`: the failed work runs again as it was (the same claim version, the same idempotency key). */
export function retryFailedWork(d: ExamDraft, task: TaskRecord): void {
  const s = d.state;
  for (const effect of takeFailedWork(d, task)) {
    const claimId = claimIdOf(effect);
    if (claimId !== null) {
      const claim = s.claims.find((c) => c.claimId === claimId);
      // A claim paid, written off or voided since, or sent again as a newer version, needs nothing.
      if (!claim || isFinal(claim) || ('version' in effect && typeof effect.version === 'number' && effect.version < claim.version)) continue;
      d.emit(effect);
      if (sendsClaim(effect)) d.startTimer('ack-999', claim.claimId, addDuration(d.now, timerDurations(claimPolicy(s, claim)).ack999Overdue));
      continue;
    }
    if (isTerminal(s.phase)) continue;
    d.emit(effect);
    // The order is recorded again, then validated as at intake.
    if (effect.type === 'record-intake') d.emit({ type: 'validate-intake' });
  }
}
