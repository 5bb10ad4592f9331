import { adoptSecondaryPolicy, arrangementComponents, cancelExam, handleAcknowledgment, handleRemittance, remittancePosted, settlePatientBalance } from './claim-flow';
import { ExamEventSchema, type ExamEvent } from './exam-event';
import { canonicalInstant, ExamDraft } from './exam-draft';
import { eligibilityConfirmed, enterAwaitingExam, examPerformed, recordAuthorization, releaseClaims, reportFinal, startEligibility } from './exam-flow';
import type { ExamState } from './exam-state';
import { isStalled, patientBalanceCents } from './exam-state';
import type { LifecycleOptions } from './lifecycle-options';
import { LIFECYCLE_PATCHES } from './lifecycle-options';
import { fireTimer, reschedule } from './fire-timer';
import { isTerminal, POST_SUBMISSION_PHASES, PRE_EXAM_PHASES } from './phase';
import { priorAuthResponseWindow } from '../prior-auth';
import { addDuration } from '../policy';
import { resolveTask } from './resolve-task';
import type { IgnoredReason, LifecycleRejection, Transition } from './transition';
import { workFailed } from './work-failure';

/** Starts an exam at intake: the first effect validates the order. */
export function startExam(state: ExamState): Transition {
  return { outcome: 'applied', state: { ...state, awaiting: ['validate-intake'] }, effects: [{ type: 'validate-intake' }] };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The exam's state machine: applies one event at `now` and returns the new state with the effects
 * to carry out, or says why the event changes nothing (duplicate, stale timer) or is refused.
 * Pure: the input state is never modified.
 */
export function applyEvent(state: ExamState, input: ExamEvent, now: string, options: LifecycleOptions = {}): Transition {
  const ignored = (reason: IgnoredReason): Transition => ({ outcome: 'ignored', reason, state, effects: [] });
  const rejected = (rejection: LifecycleRejection): Transition => ({ outcome: 'rejected', rejection, state, effects: [] });

  const parsed = ExamEventSchema.safeParse(input);
  if (!parsed.success) {
    return rejected({
      code: 'invalid-event',
      message: 'the event does not match its schema',
      details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const ev = parsed.data;
  if (state.processedEventIds.includes(ev.eventId)) return ignored('duplicate');

  const d = new ExamDraft(state, now, options);
  const s = d.state;
  const outcome = dispatch(d, ev);
  if (outcome === 'duplicate' || outcome === 'stale-timer' || outcome === 'stale-acknowledgment') return ignored(outcome);
  if (outcome) return rejected(outcome);
  s.processedEventIds.push(ev.eventId);
  keepSomethingPending(d, ev);
  return { outcome: 'applied', state: s, effects: d.effects };
}

/**
 * The invariant, enforced after every transition: an open exam always has work in flight, a timer that will
 * fire or an open task. A transition that would leave it waiting on nothing opens `stalled-exam` for the
 * supervisor with what it saw, instead of letting the exam stall silently.
 */
export function keepSomethingPending(d: ExamDraft, ev: Pick<ExamEvent, 'type' | 'eventId'>): void {
  if (!isStalled(d.state) || !d.uses(LIFECYCLE_PATCHES.stalledExamCheck)) return;
  const s = d.state;
  d.openTask('stalled-exam', null, {
    phase: s.phase,
    lastEvent: ev.type,
    lastEventId: ev.eventId.slice(0, 200),
    claims: s.claims.map((c) => `${c.claimId}:v${c.version}:${c.status}`),
    codingStatus: s.coding.status,
  });
}

type DispatchResult = LifecycleRejection | IgnoredReason | undefined;

function recordLate(d: ExamDraft, ev: ExamEvent): DispatchResult {
  d.state.lateEvents.push({ eventId: ev.eventId, type: ev.type, receivedAt: canonicalInstant(d.now) });
  d.emit({ type: 'record-late-event', eventId: ev.eventId, eventType: ev.type });
  return undefined;
}

const inPhase = (phase: string, expected: string): LifecycleRejection => ({
  code: 'invalid-in-phase',
  message: `${expected} is not expected in phase ${phase}`,
});

function dispatch(d: ExamDraft, ev: ExamEvent): DispatchResult {
  const s = d.state;
  const terminal = isTerminal(s.phase);
  switch (ev.type) {
    case 'intake-validated':
      if (s.phase !== 'intake') return inPhase(s.phase, ev.type);
      d.answered('validate-intake');
      if (ev.problems.length > 0) {
        d.openTask('registration-fix', null, { problems: ev.problems });
        return undefined;
      }
      d.closeTasks((t) => t.type === 'registration-fix', 'superseded');
      if (s.flags.selfPay) enterAwaitingExam(d);
      else startEligibility(d);
      return undefined;

    case 'eligibility-result':
      if (s.phase !== 'eligibility') return inPhase(s.phase, ev.type);
      d.answered('request-eligibility');
      s.eligibility.lastOutcome = ev.outcome;
      if (ev.outcome === 'active') eligibilityConfirmed(d);
      else d.openTask('eligibility-review', null, { outcome: ev.outcome, reasons: ev.reasons });
      return undefined;

    case 'prior-auth-decision':
      if (s.phase !== 'prior_auth') return inPhase(s.phase, ev.type);
      d.answered('evaluate-prior-auth');
      switch (ev.decision) {
        case 'not-required':
          s.flags.priorAuthRequired = false;
          enterAwaitingExam(d);
          return undefined;
        case 'on-file':
        case 'approved':
          if (!ev.authorization) return { code: 'invalid-event', message: 'an approved or on-file decision needs its authorization' };
          s.flags.priorAuthRequired = true;
          recordAuthorization(d, ev.authorization);
          enterAwaitingExam(d);
          return undefined;
        case 'needed': {
          s.flags.priorAuthRequired = true;
          const urgent = s.order.priority !== 'routine';
          // The reason says why no authorization on file fit (staff see it on the task).
          d.openTask('prior-auth-obtain', null, { decision: 'needed', ...(ev.reason ? { reason: ev.reason } : {}) });
          d.emit({ type: 'request-prior-auth', urgent });
          d.startTimer('prior-auth-response', null, addDuration(d.now, priorAuthResponseWindow(d.policy, s.order.priority)));
          return undefined;
        }
        case 'denied':
          d.cancelTimers((t) => t.kind === 'prior-auth-response');
          d.openTask('prior-auth-obtain', null, { decision: 'denied', reason: ev.reason ?? null });
          return undefined;
      }
      return undefined;

    case 'exam-rescheduled':
      if (!PRE_EXAM_PHASES.includes(s.phase) || s.performed) return inPhase(s.phase, ev.type);
      reschedule(d, ev.scheduledAt);
      return undefined;

    case 'performed': {
      const { type: _t, eventId: _e, ...payload } = ev;
      if (s.performed) {
        const { eventId: _pe, ...stored } = s.performed;
        return sameJson(stored, payload) ? 'duplicate' : { code: 'conflict', message: 'the exam was already performed with different procedures' };
      }
      if (terminal) return recordLate(d, ev);
      s.performed = { eventId: ev.eventId, ...payload };
      // Performed before eligibility or authorization finished: kept, acted on when the exam is due.
      if (s.phase === 'awaiting_exam') examPerformed(d);
      return undefined;
    }

    case 'report': {
      if (terminal) return recordLate(d, ev);
      const r = s.report;
      if (ev.status === 'preliminary') {
        if (r.status === 'final') return { code: 'out-of-order', message: 'a preliminary report after the final one' };
        if (r.status === 'preliminary' && r.signedAt === ev.signedAt && sameJson(r.diagnoses, ev.diagnoses)) return 'duplicate';
        s.report = { ...r, status: 'preliminary', signedAt: ev.signedAt, diagnoses: ev.diagnoses };
        return undefined;
      }
      if (ev.status === 'final' && r.status !== 'final') {
        s.report = { ...r, status: 'final', signedAt: ev.signedAt, diagnoses: ev.diagnoses };
        // A final report before `performed` is kept; it is acted on when the exam is performed.
        if (s.phase === 'awaiting_report') reportFinal(d);
        return undefined;
      }
      if (ev.status === 'final' && r.signedAt === ev.signedAt && sameJson(r.diagnoses, ev.diagnoses)) return 'duplicate';
      if (r.status !== 'final') return { code: 'out-of-order', message: 'an addendum before the final report' };
      // An addendum, or a re-signed final report with changes.
      s.report = { ...r, signedAt: ev.signedAt, diagnoses: ev.diagnoses, addenda: r.addenda + 1 };
      if (s.phase === 'coding') {
        d.closeTasks((t) => t.type === 'coding-review', 'superseded');
        s.coding.status = 'pending';
        d.emit({ type: 'code-exam' });
      } else if (POST_SUBMISSION_PHASES.includes(s.phase) && s.claims.length > 0) {
        d.openTask('coding-review', null, { reason: 'addendum-after-submission', addendum: s.report.addenda, correctedClaim: true });
      }
      return undefined;
    }

    case 'coding-completed': {
      if (s.phase !== 'coding' || s.coding.status !== 'pending') return inPhase(s.phase, ev.type);
      d.answered('code-exam');
      s.coding.totalChargeCents = ev.totalChargeCents;
      if (ev.billable !== undefined) s.coding.billable = ev.billable;
      else delete s.coding.billable;
      const fromCoding = ev.claimsFromCoding === true && ev.billable !== undefined;
      if (fromCoding) s.coding.fromCoding = true;
      else delete s.coding.fromCoding;
      const review = ev.findings.filter((f) => !f.autoFixable);
      // A component of the arrangement with nothing billable (e.g. a professional-only code in a technical
      // arrangement) is a coder's question, never a claim with no lines. When the claims come from coding, a
      // component the rules leave to another party is no question; only an exam with no claim at all is.
      const unbillable = ev.billable === undefined
        ? []
        : fromCoding
          ? (ev.billable.length === 0 ? arrangementComponents(s.order.billingArrangement) : [])
          : arrangementComponents(s.order.billingArrangement).filter((c) => !ev.billable!.includes(c));
      if (review.length > 0 || unbillable.length > 0) {
        s.coding.status = 'review';
        d.openTask('coding-review', null, {
          findings: review.map((f) => f.code),
          ...(unbillable.length > 0 ? { reason: 'nothing-billable', components: unbillable, billingArrangement: s.order.billingArrangement } : {}),
        });
        return undefined;
      }
      s.coding.status = 'ready';
      releaseClaims(d);
      return undefined;
    }

    case 'acknowledgment': {
      if (terminal) return recordLate(d, ev);
      const result = handleAcknowledgment(d, ev);
      return result === 'stale' ? 'stale-acknowledgment' : result;
    }

    case 'remittance': {
      const posted = s.claims.some((c) => c.remittanceIds.includes(ev.remittanceId));
      if (posted) return 'duplicate';
      if (s.tasks.some((t) => t.type === 'remittance-unmatched' && t.context.remittanceId === ev.remittanceId)) return 'duplicate';
      if (!terminal && s.claims.length === 0) return { code: 'invalid-in-phase', message: `no claim has been submitted (phase ${s.phase})` };
      handleRemittance(d, ev);
      return undefined;
    }

    case 'remittance-posted':
      remittancePosted(d, ev);
      return undefined;

    case 'patient-payment': {
      if (s.phase === 'cancelled') return inPhase(s.phase, ev.type);
      s.patient.paidCents += ev.amountCents;
      if (s.phase === 'patient_balance') settlePatientBalance(d);
      else if (s.phase === 'closed' && patientBalanceCents(s) < 0) {
        d.openTask('credit-balance-refund', null, { reason: 'payment-after-close', creditCents: -patientBalanceCents(s) });
      }
      return undefined;
    }

    case 'timer-fired': {
      const timer = s.timers.find((t) => t.timerId === ev.timerId);
      if (!timer) return 'stale-timer';
      fireTimer(d, timer);
      return undefined;
    }

    case 'task-resolved':
      return resolveTask(d, ev);

    case 'cancel':
      if (terminal) return { code: 'terminal', message: `the exam is already ${s.phase}` };
      cancelExam(d, ev.reason);
      return undefined;

    case 'work-failed':
      workFailed(d, ev);
      return undefined;

    case 'order-changed':
      if (!PRE_EXAM_PHASES.includes(s.phase) || s.performed) return inPhase(s.phase, ev.type);
      orderChanged(d, ev);
      return undefined;

    case 'registration-changed':
      if (terminal) return { code: 'terminal', message: `the exam is already ${s.phase}` };
      registrationChanged(d, ev);
      return undefined;

    case 'policy-changed':
      if (ev.coverage === 'secondary') {
        adoptSecondaryPolicy(d, ev.policy);
        return undefined;
      }
      s.policy = ev.policy;
      if (ev.policy.payerType === 'self-pay') s.flags.selfPay = true;
      return undefined;
  }
}

/**
 * The patient's registration changed at the source. The new registration is written to the exam's records either
 * way (future claims and statements read it). Before a claim is sent, a changed primary coverage replaces the one
 * the exam bills (and its payer's policy follows); before the exam is performed its eligibility is checked again
 * (and prior authorization with it, for the new payer). After a claim was sent, the claim stays as the payer has
 * it: the biller gets a `coverage-change-review` task saying the claim may need a correction.
 */
function registrationChanged(d: ExamDraft, ev: Extract<ExamEvent, { type: 'registration-changed' }>): void {
  const s = d.state;
  d.emit({ type: 'record-registration', eventId: ev.eventId });
  const coverageChanged = ev.primary !== undefined || ev.secondaryChanged;
  if (!coverageChanged) return;
  if (s.claims.length > 0) {
    d.openTask('coverage-change-review', null, {
      reason: 'coverage-changed-after-submission',
      claims: s.claims.map((c) => `${c.claimId}:v${c.version}:${c.status}`),
      billedPayerId: s.policy.id,
      ...(ev.primary ? { primaryPayerId: ev.primary.payerId, primaryChanged: true } : {}),
      secondaryChanged: ev.secondaryChanged,
    });
    return;
  }
  if (!ev.primary) return;
  d.emit({ type: 'update-coverage', coverage: ev.primary });
  // Eligibility of the new coverage, for an exam not yet performed (after it, the claim goes to the new payer).
  if (s.phase === 'eligibility' || s.phase === 'prior_auth' || s.phase === 'awaiting_exam') {
    d.closeTasks((t) => t.type === 'eligibility-review' || t.type === 'prior-auth-obtain', 'superseded');
    d.cancelTimers((t) => t.kind === 'prior-auth-response' || t.kind === 'no-show' || t.kind === 'auth-expiry');
    s.eligibility.verifiedForDate = null;
    startEligibility(d);
  }
}

/**
 * The order changed before the exam was performed: its procedures replace the ordered ones (and the exam's records
 * follow). An exam past eligibility evaluates prior authorization again for what is ordered now.
 */
function orderChanged(d: ExamDraft, ev: Extract<ExamEvent, { type: 'order-changed' }>): void {
  const s = d.state;
  const changed = !sameJson(s.order.procedures.map((p) => p.cpt), ev.procedures.map((p) => p.cpt));
  s.order.procedures = ev.procedures.map((p) => ({ cpt: p.cpt }));
  d.emit({ type: 'record-order', eventId: ev.eventId });
  if (!changed || s.flags.selfPay) return;
  if (s.phase === 'prior_auth' || s.phase === 'awaiting_exam') {
    d.closeTasks((t) => t.type === 'prior-auth-obtain', 'superseded');
    d.cancelTimers((t) => t.kind === 'prior-auth-response' || t.kind === 'no-show' || t.kind === 'auth-expiry');
    d.setPhase('prior_auth');
    d.emit({ type: 'evaluate-prior-auth' });
  }
}
