import { addDuration, claimChangeVehicles, timerDurations } from '../policy';
import type { ExamDraft } from './exam-draft';
import { claimPolicy, type ClaimRecord } from './exam-state';
import { LIFECYCLE_PATCHES } from './lifecycle-options';

/**
 * Changes to a claim the payer already has, the way payers take them: a void (the exam was cancelled, or the primary
 * payer reversed the claim a secondary was billed from), a corrected claim (back through coding, then by the payer's
 * correction vehicle), an unprocessable claim sent again as a new claim. And the claim's A/R age, which none of these
 * restarts: the 90-day escalation counts from the first submission until the claim is paid or closed.
 */

export type VoidReason = 'exam-cancelled' | 'primary-reversed';

/** Whether the behaviours of this file apply to the exam (asked only where they would change something). */
export function claimChangesApply(d: ExamDraft): boolean {
  return d.uses(LIFECYCLE_PATCHES.claimChanges);
}

/**
 * The claim is withdrawn: a new version of it, the void, goes to the payer by the payer's vehicle (decided by the
 * work that sends it: frequency 8 with REF*F8, or a cancel request) and its receivable is reversed in the ledger.
 * A claim the payer never took (rejected at the door, never accepted) is not sent anything: only its receivable
 * is reversed.
 */
export function voidClaim(d: ExamDraft, claim: ClaimRecord, reason: VoidReason): void {
  const toPayer = claim.everAccepted || claim.crossover === true || claim.status !== 'rejected';
  claim.version += 1;
  claim.status = 'voided';
  d.emit({ type: 'void-claim', claimId: claim.claimId, version: claim.version, reason, toPayer, payerId: claimPolicy(d.state, claim).id });
  d.cancelTimers((t) => t.claimId === claim.claimId);
  d.closeTasks((t) => t.claimId === claim.claimId && t.type !== 'write-off-approval', 'superseded');
}

/** The primary payer took its payment back (CLP02 22): the secondary claim billed from that adjudication is voided. */
export function voidSecondaryOf(d: ExamDraft, primary: ClaimRecord): void {
  const secondary = d.state.claims.find((c) => c.primaryClaimId === primary.claimId && c.status !== 'voided' && c.status !== 'written-off');
  if (!secondary || !claimChangesApply(d)) return;
  voidClaim(d, secondary, 'primary-reversed');
}

/**
 * A corrected claim goes back to coding: the coder edits the lines (e.g. a distinct-procedure modifier for a CO-97
 * bundling denial) and the scrubber runs again before anything is sent.
 */
export function reopenCodingForCorrection(d: ExamDraft, claim: ClaimRecord, from: { carc?: string; category?: string; newClaim?: boolean }): void {
  d.openTask('coding-review', null, {
    reason: 'corrected-claim',
    correctedClaimId: claim.claimId,
    correctedVersion: claim.version,
    ...(from.carc ? { carc: from.carc } : {}),
    ...(from.category ? { category: from.category } : {}),
    // unprocessable: it goes again as a new claim (frequency 1), not as a replacement
    ...(from.newClaim ? { newClaim: true } : {}),
  });
}

/** The claim a coding review corrects for a denial (its task context names it), if any. */
export function correctedClaimOf(d: ExamDraft, context: { [key: string]: unknown }): ClaimRecord | undefined {
  if (context.reason !== 'corrected-claim' || typeof context.correctedClaimId !== 'string') return undefined;
  return d.state.claims.find((c) => c.claimId === context.correctedClaimId);
}

/**
 * The coder changed the claim: it goes to the payer by the payer's correction vehicle. A replacement (frequency 7
 * with REF*F8) where the payer takes one; else a reopening request (Medicare Part B), the corrected claim's facts
 * on paper, while the claim waits for the payer's new decision.
 */
export function sendCorrection(d: ExamDraft, claim: ClaimRecord, resubmit: (claim: ClaimRecord) => void): void {
  const policy = claimPolicy(d.state, claim);
  if (claimChangeVehicles(policy).correction === 'replacement' || !claim.everAccepted) {
    resubmit(claim);
    return;
  }
  const t = timerDurations(policy);
  claim.version += 1;
  claim.status = 'appealed';
  d.emit({ type: 'build-claim', claimId: claim.claimId, version: claim.version, component: claim.component, frequency: '7' });
  d.emit({ type: 'request-reopening', claimId: claim.claimId, version: claim.version, payerId: policy.id });
  d.cancelTimers((x) => x.claimId === claim.claimId && ['ack-999', 'ack-277ca', 'status-inquiry', 'appeal-deadline'].includes(x.kind));
  d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, t.firstStatusInquiry));
}

/**
 * An unprocessable claim (CO-16 with MA130: no appeal rights) is not a claim the payer has: it goes again as a new
 * claim, a new version sent as an original (frequency 1, no REF*F8).
 */
export function sendAsNewClaim(d: ExamDraft, claim: ClaimRecord, send: (claim: ClaimRecord, frequency: '1') => void): void {
  claim.version += 1;
  send(claim, '1');
}

/** The timers that measure a claim's age in A/R: they outlive denials, appeals and resubmissions. */
export const AGING_TIMERS = ['ar-escalation', 'ar-escalation-second'] as const;

/**
 * The claim's A/R age keeps counting from its first submission while it is open: the escalation timer it should
 * have is set again (from the first submission) when an older exam's denial cancelled it. Never one that already
 * fired: an escalation once opened goes on to its second level only.
 */
export function keepAging(d: ExamDraft, claim: ClaimRecord): void {
  if (['paid', 'written-off', 'voided'].includes(claim.status)) return;
  const s = d.state;
  if (s.timers.some((t) => t.claimId === claim.claimId && (AGING_TIMERS as readonly string[]).includes(t.kind))) return;
  const escalations = s.tasks.filter((t) => t.type === 'ar-escalation' && t.claimId === claim.claimId);
  const t = timerDurations(claimPolicy(s, claim));
  if (escalations.length === 0) d.startTimer('ar-escalation', claim.claimId, addDuration(claim.firstSubmittedAt, t.arEscalationFirst));
  else if (!escalations.some((x) => x.context.level === 2)) d.startTimer('ar-escalation-second', claim.claimId, addDuration(claim.firstSubmittedAt, t.arEscalationSecond));
}
