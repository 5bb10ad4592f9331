import { addDuration, daysBetween, timerDurations } from '../policy';
import { cancelExam } from './claim-flow';
import type { ExamDraft } from './exam-draft';
import type { TimerRecord } from './exam-state';
import { noShowDueAt, startEligibility } from './exam-flow';
import { LIFECYCLE_PATCHES } from './lifecycle-options';
import { claimPolicy, patientBalanceCents } from './exam-state';

/** What happens when a timer comes due. Timers that no longer matter in the current phase do nothing. */
export function fireTimer(d: ExamDraft, timer: TimerRecord): void {
  const s = d.state;
  d.consumeTimer(timer);
  const claim = timer.claimId ? s.claims.find((c) => c.claimId === timer.claimId) : undefined;
  // A claim's timers follow the policy of the payer it is billed to (a secondary payer's for its claim).
  const t = timerDurations(claimPolicy(s, claim));
  switch (timer.kind) {
    case 'no-show':
      if (s.phase !== 'awaiting_exam' || s.performed) return;
      // A question for the front desk (performed, reschedule or cancel), never an automatic cancel.
      if (d.uses(LIFECYCLE_PATCHES.noShowReview)) {
        d.openTask('no-show-review', null, { reason: 'not-performed', scheduledAt: s.order.scheduledAt, ...(s.order.receivedAt ? { receivedAt: s.order.receivedAt } : {}) });
      } else cancelExam(d, 'no-show');
      return;
    case 'stalled-recheck':
      // Nothing to do here: the lifecycle's invariant check after this transition asks again if the exam still waits on nothing.
      return;
    case 'prior-auth-response': {
      const task = d.findOpenTask('prior-auth-obtain');
      if (s.phase === 'prior_auth' && task) d.escalateTask(task);
      return;
    }
    case 'auth-expiry':
      if (s.phase === 'awaiting_exam' && !s.performed) {
        s.authorization = null;
        d.cancelTimers((x) => x.kind === 'no-show');
        d.setPhase('prior_auth');
        d.emit({ type: 'evaluate-prior-auth' });
      }
      return;
    case 'report-reminder': {
      if (s.phase !== 'awaiting_report') return;
      d.emit({ type: 'remind-radiologist', reminder: timer.ordinal + 1 });
      const last = timer.ordinal === t.reportSignatureReminders.length - 1;
      if (last) d.openTask('report-signature-overdue', null, { reminder: timer.ordinal + 1 });
      return;
    }
    case 'report-escalation':
      if (s.phase === 'awaiting_report') d.escalateTask(d.openTask('report-signature-overdue', null, { reason: 'filing-deadline-near' }));
      return;
    case 'timely-filing-risk': {
      const atRisk = s.claims.length === 0 || s.claims.some((c) => !c.everAccepted && (c.status === 'submitted' || c.status === 'rejected'));
      if (!atRisk || s.flags.selfPay || ['closed', 'cancelled', 'patient_balance'].includes(s.phase)) return;
      s.flags.timelyFilingRisk = true;
      d.openTask('timely-filing-risk', null, { phase: s.phase });
      return;
    }
    case 'ack-999':
    case 'ack-277ca':
      if (claim?.status === 'submitted') {
        d.openTask('claim-follow-up', claim.claimId, { reason: 'acknowledgment-overdue', acknowledgment: timer.kind === 'ack-999' ? '999' : '277CA' });
      }
      return;
    case 'status-inquiry':
      if (claim && (claim.status === 'accepted' || claim.status === 'appealed')) {
        d.emit({ type: 'status-inquiry', claimId: claim.claimId });
        d.openTask('claim-follow-up', claim.claimId, { reason: 'no-remittance' });
        d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, t.statusInquiryRepeat));
      }
      return;
    case 'ar-escalation':
    case 'ar-escalation-second': {
      if (!claim || ['paid', 'written-off', 'voided'].includes(claim.status)) return;
      const second = timer.kind === 'ar-escalation-second';
      s.flags.arEscalationLevel = Math.max(s.flags.arEscalationLevel, second ? 2 : 1);
      const task = d.openTask('ar-escalation', claim.claimId, { level: second ? 2 : 1 });
      d.escalateTask(task, second ? 'urgent' : task.priority);
      if (!second) d.startTimer('ar-escalation-second', claim.claimId, addDuration(claim.firstSubmittedAt, t.arEscalationSecond));
      return;
    }
    case 'appeal-deadline': {
      const task = claim ? d.findOpenTask('denial-work', claim.claimId) : undefined;
      if (claim?.status === 'denied' && task) d.escalateTask(task);
      return;
    }
    case 'statement-cycle':
      if (s.phase === 'patient_balance' && patientBalanceCents(s) > 0) {
        s.patient.statementsSent += 1;
        d.emit({ type: 'send-statement', sequence: s.patient.statementsSent });
        d.startTimer('statement-cycle', null, addDuration(d.now, t.statementCycle));
      }
      return;
    case 'collections-review':
      if (s.phase === 'patient_balance' && patientBalanceCents(s) > 0) {
        d.openTask('patient-balance-review', null, { statementsSent: s.patient.statementsSent, balanceCents: patientBalanceCents(s) });
      }
      return;
  }
}

/** The exam date moved: re-verify eligibility when it moved further than the policy's window. */
export function reschedule(d: ExamDraft, scheduledAt: string): void {
  const s = d.state;
  s.order.scheduledAt = scheduledAt;
  const verified = s.eligibility.verifiedForDate;
  const moved = verified === null ? 0 : Math.abs(daysBetween(verified, scheduledAt));
  if (verified !== null && moved > d.policy.eligibility.reverifyWindowDays && !s.flags.selfPay) {
    d.cancelTimers((x) => x.kind === 'no-show' || x.kind === 'auth-expiry');
    startEligibility(d);
    return;
  }
  if (s.phase === 'awaiting_exam') d.startTimer('no-show', null, noShowDueAt(d, scheduledAt, ...(d.uses(LIFECYCLE_PATCHES.noShowReview) ? [d.now] : [])));
}
