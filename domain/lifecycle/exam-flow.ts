import { addDuration, calendarDate, compareInstants, days, subtractDuration, timerDurations } from '../policy';
import { detectPriorAuthMismatch, requiresPriorAuth, type Authorization } from '../prior-auth';
import { settlePatientBalance, submitNewClaims } from './claim-flow';
import type { ExamDraft } from './exam-draft';
import { LIFECYCLE_PATCHES } from './lifecycle-options';
import { filingDeadline } from './task-due';

/**
 * When a missed exam is asked about: the policy's days after the later of the exam date and the intake (an
 * order entered after its date, e.g. a backlog replayed after an interface outage, is not missed at once).
 * `also` adds instants the exam is measured from (a reschedule: when it was made).
 */
export function noShowDueAt(d: ExamDraft, scheduledAt: string, ...also: string[]): string {
  const after = timerDurations(d.policy).noShowAfterScheduled;
  if (!d.uses(LIFECYCLE_PATCHES.noShowReview)) return addDuration(scheduledAt, after);
  const received = d.state.order.receivedAt;
  const from = [scheduledAt, ...(received ? [received] : []), ...also].reduce((a, b) => (compareInstants(a, b) >= 0 ? a : b));
  return addDuration(from, after);
}

export function startEligibility(d: ExamDraft): void {
  d.setPhase('eligibility');
  d.emit({ type: 'request-eligibility' });
}

/** Coverage is good: on to prior authorization (or straight to the exam for self-pay). */
export function eligibilityConfirmed(d: ExamDraft): void {
  d.state.eligibility.verifiedForDate = calendarDate(d.state.order.scheduledAt);
  d.closeTasks((t) => t.type === 'eligibility-review', 'superseded');
  if (d.state.flags.selfPay) {
    enterAwaitingExam(d);
    return;
  }
  d.setPhase('prior_auth');
  d.emit({ type: 'evaluate-prior-auth' });
}

export function recordAuthorization(d: ExamDraft, authorization: Authorization): void {
  d.state.authorization = authorization;
  d.emit({ type: 'record-authorization', authorization });
  d.cancelTimers((t) => t.kind === 'prior-auth-response');
  d.closeTasks((t) => t.type === 'prior-auth-obtain', 'superseded');
}

export function enterAwaitingExam(d: ExamDraft): void {
  d.setPhase('awaiting_exam');
  d.cancelTimers((t) => t.kind === 'prior-auth-response');
  d.startTimer('no-show', null, noShowDueAt(d, d.state.order.scheduledAt));
  const auth = d.state.authorization;
  if (auth) d.startTimer('auth-expiry', null, addDuration(auth.validTo, days(1)));
  if (d.state.performed) examPerformed(d);
}

/** Procedures are done: check them against the authorization, then wait for the signed report. */
export function examPerformed(d: ExamDraft): void {
  const s = d.state;
  const performed = s.performed;
  if (!performed) return;
  d.cancelTimers((t) => t.kind === 'no-show' || t.kind === 'auth-expiry');
  // The RIS's performed event answers the front desk's no-show question.
  d.closeTasks((t) => t.type === 'no-show-review', 'superseded');
  checkPerformedAgainstAuthorization(d);
  d.setPhase('awaiting_report');
  const t = timerDurations(d.policy);
  t.reportSignatureReminders.forEach((h, i) => d.startTimer('report-reminder', null, addDuration(performed.performedAt, h), i));
  // One calendar year where the payer's limit is (exams from before counted its days).
  const calendarYear = d.policy.timelyFiling.basis === 'one-calendar-year' && d.uses(LIFECYCLE_PATCHES.calendarYearFiling);
  const deadline = filingDeadline(d.policy, calendarDate(performed.performedAt), calendarYear);
  d.startTimer('report-escalation', null, subtractDuration(deadline, t.reportSignatureEscalationBeforeDeadline));
  d.startTimer('timely-filing-risk', null, subtractDuration(deadline, t.timelyFilingRiskBeforeDeadline));
  if (s.report.status === 'final') reportFinal(d);
}

function checkPerformedAgainstAuthorization(d: ExamDraft): void {
  const s = d.state;
  if (s.flags.selfPay || !s.performed) return;
  const procedures = s.performed.procedures.map((p) => ({ cpt: p.cpt, units: p.units }));
  if (s.authorization) {
    const result = detectPriorAuthMismatch(d.policy, s.authorization, procedures);
    if (result.mismatch) {
      d.openTask('prior-auth-mismatch', null, {
        authNumber: s.authorization.authNumber,
        findings: result.findings.filter((f) => f.blocking).map((f) => `${f.kind}:${f.cpt}`),
        sameFamily: result.findings.some((f) => f.sameFamilyAsAuthorized && f.blocking),
      });
    }
    return;
  }
  const need = requiresPriorAuth(d.policy, { modality: s.order.modality, procedures });
  if (need.required) {
    d.openTask('prior-auth-mismatch', null, {
      authNumber: null,
      findings: need.procedures.filter((p) => p.required).map((p) => `authorization-required:${p.cpt}`),
      sameFamily: false,
    });
  }
}

/** The final signed report: release the charge to coding. */
export function reportFinal(d: ExamDraft): void {
  d.cancelTimers((t) => t.kind === 'report-reminder' || t.kind === 'report-escalation');
  d.closeTasks((t) => t.type === 'report-signature-overdue', 'resolved');
  d.state.coding.status = 'pending';
  d.setPhase('coding');
  d.emit({ type: 'code-exam' });
}

/** Coding is clean (or reviewed) and no authorization question is open: bill. */
export function releaseClaims(d: ExamDraft): void {
  const s = d.state;
  if (s.phase !== 'coding' || s.coding.status !== 'ready') return;
  if (d.findOpenTask('prior-auth-mismatch')) return;
  if (s.flags.selfPay) {
    d.cancelTimers((t) => t.kind === 'timely-filing-risk');
    settlePatientBalance(d);
    return;
  }
  submitNewClaims(d);
}
