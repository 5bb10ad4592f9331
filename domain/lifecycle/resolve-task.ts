import { appealClaim, cancelExam, closeExam, postToClaim, resubmitAsNewClaim, resubmitClaim, settle, settlePatientBalance, writeOffClaim } from './claim-flow';
import { claimChangesApply, correctedClaimOf, reopenCodingForCorrection, sendCorrection } from './claim-changes';
import type { ExamEventOf } from './exam-event';
import type { ExamDraft } from './exam-draft';
import { enterAwaitingExam, eligibilityConfirmed, recordAuthorization, releaseClaims, startEligibility } from './exam-flow';
import { patientBalanceCents, type ClaimRecord, type TaskRecord } from './exam-state';
import { addDuration, hours, timerDurations } from '../policy';
import { noShowDueAt } from './exam-flow';
import { reschedule } from './fire-timer';
import { isTerminal } from './phase';
import { retryFailedWork } from './work-failure';
import { parseTaskResolution, type TaskResolution } from './task-resolution';
import type { TaskType } from './task-type';
import type { LifecycleRejection } from './transition';

type Result = LifecycleRejection | undefined;

function requestWriteOff(d: ExamDraft, task: TaskRecord, reason: string, scope: 'claim' | 'patient-balance'): void {
  d.closeTask(task, 'resolved', 'write-off-request');
  d.openTask('write-off-approval', task.claimId, { scope, reason, requestedFrom: task.type });
}

function approvedAuthorization(d: ExamDraft, r: { authNumber: string; validFrom: string; validTo: string; cpts: string[]; units: number }) {
  return {
    authNumber: r.authNumber,
    payerId: d.policy.id,
    cpts: r.cpts,
    unitsAuthorized: r.units,
    unitsUsed: 0,
    validFrom: r.validFrom,
    validTo: r.validTo,
    status: 'approved' as const,
  };
}

/** Applies a validated resolution of an open task. */
export function resolveTask(d: ExamDraft, ev: ExamEventOf<'task-resolved'>): Result {
  const task = d.state.tasks.find((t) => t.taskId === ev.taskId);
  if (!task || task.status !== 'open') return { code: 'task-not-open', message: 'the task is not open' };
  const parsed = parseTaskResolution(task.type, ev.resolution);
  if (!parsed.ok) return { code: 'invalid-resolution', message: `invalid resolution for ${task.type}`, details: parsed.issues };
  return apply(d, task, task.type, parsed.resolution);
}

function apply<T extends TaskType>(d: ExamDraft, task: TaskRecord, type: T, resolution: TaskResolution<T>): Result {
  const r = resolution as TaskResolution;
  const s = d.state;
  const claim = task.claimId ? s.claims.find((c) => c.claimId === task.claimId) : undefined;
  const done = () => d.closeTask(task, 'resolved', r.action);
  switch (type) {
    case 'registration-fix': {
      const x = r as TaskResolution<'registration-fix'>;
      done();
      if (x.action === 'cancel') cancelExam(d, x.reason);
      else d.emit({ type: 'validate-intake' });
      return undefined;
    }
    case 'eligibility-review': {
      const x = r as TaskResolution<'eligibility-review'>;
      if (s.phase !== 'eligibility' && x.action !== 'cancel') return { code: 'invalid-in-phase', message: `eligibility is already settled (phase ${s.phase})` };
      done();
      if (x.action === 'cancel') cancelExam(d, x.reason);
      else if (x.action === 'self-pay') {
        s.flags.selfPay = true;
        d.emit({ type: 'switch-to-self-pay' });
        eligibilityConfirmed(d);
      } else if (x.action === 'update-coverage') {
        d.emit({ type: 'update-coverage', coverage: x.coverage });
        startEligibility(d);
      } else if (x.action === 'recheck') startEligibility(d);
      else eligibilityConfirmed(d);
      return undefined;
    }
    case 'prior-auth-obtain': {
      const x = r as TaskResolution<'prior-auth-obtain'>;
      done();
      if (x.action === 'denied') cancelExam(d, 'prior-auth-denied');
      else {
        if (x.action === 'approved') recordAuthorization(d, approvedAuthorization(d, x));
        if (s.phase === 'prior_auth') enterAwaitingExam(d);
      }
      return undefined;
    }
    case 'prior-auth-mismatch': {
      const x = r as TaskResolution<'prior-auth-mismatch'>;
      if (x.action === 'write-off-request') {
        requestWriteOff(d, task, x.reason, 'claim');
        return undefined;
      }
      done();
      if (x.action === 'auth-updated') recordAuthorization(d, approvedAuthorization(d, x));
      releaseClaims(d);
      return undefined;
    }
    case 'report-signature-overdue': {
      const x = r as TaskResolution<'report-signature-overdue'>;
      done();
      if (x.action === 'cancel') cancelExam(d, x.reason);
      return undefined;
    }
    case 'coding-review': {
      const x = r as TaskResolution<'coding-review'>;
      const corrected = correctedClaimOf(d, task.context);
      if (corrected) return resolveCorrection(d, task, corrected, x);
      done();
      if (x.action === 'correct') {
        d.emit({ type: 'apply-coding-correction', correction: x });
        // The coder's lines are billed on every coded claim; exams from before (and an exam coding found nothing
        // billable in) on every component of the arrangement.
        if (s.coding.fromCoding !== true || (s.coding.billable ?? []).length === 0) {
          delete s.coding.billable;
          delete s.coding.fromCoding;
        }
      }
      if (s.phase === 'coding') {
        s.coding.status = 'ready';
        releaseClaims(d);
      } else if (x.action === 'correct') {
        // Secondary claims are billed again once the primary has adjudicated the corrected claim.
        for (const c of s.claims) if (c.status !== 'voided' && c.status !== 'written-off' && c.primaryClaimId === undefined) resubmitClaim(d, c);
        settle(d);
      }
      return undefined;
    }
    case 'claim-rejected':
    case 'claim-follow-up': {
      const x = r as TaskResolution<'claim-rejected'> | TaskResolution<'claim-follow-up'>;
      if (x.action === 'write-off-request') {
        requestWriteOff(d, task, x.reason, 'claim');
        return undefined;
      }
      done();
      if (x.action === 'resubmit' && claim && !['paid', 'written-off', 'voided'].includes(claim.status)) {
        resubmitClaim(d, claim);
        settle(d);
      }
      return undefined;
    }
    case 'timely-filing-risk': {
      const x = r as TaskResolution<'timely-filing-risk'>;
      if (x.action === 'write-off-request') requestWriteOff(d, task, x.reason, 'claim');
      else done();
      return undefined;
    }
    case 'ar-escalation':
      done();
      return undefined;
    case 'denial-work': {
      const x = r as TaskResolution<'denial-work'>;
      if (!claim || claim.status !== 'denied') return { code: 'invalid-in-phase', message: 'the claim is no longer denied' };
      if (x.action === 'write-off-request') {
        requestWriteOff(d, task, x.reason, 'claim');
        return undefined;
      }
      if (x.action === 'appeal') {
        if (task.context.newClaimRequired === true) {
          return { code: 'invalid-resolution', message: 'an unprocessable claim has no appeal rights: send it again as a new claim (corrected-claim) or request a write-off' };
        }
        const rejected = appealClaim(d, claim, x.clericalError === true ? { clericalError: true } : {});
        if (rejected) return rejected;
        done();
        return undefined;
      }
      done();
      // A corrected claim goes back to coding first (exams from before sent the same claim again at once).
      if (claimChangesApply(d)) {
        reopenCodingForCorrection(d, claim, {
          ...(typeof task.context.carc === 'string' ? { carc: task.context.carc } : {}),
          ...(typeof task.context.category === 'string' ? { category: task.context.category } : {}),
          ...(task.context.newClaimRequired === true ? { newClaim: true } : {}),
        });
        return undefined;
      }
      resubmitClaim(d, claim);
      settle(d);
      return undefined;
    }
    case 'write-off-approval': {
      const x = r as TaskResolution<'write-off-approval'>;
      done();
      const reason = typeof task.context.reason === 'string' ? task.context.reason : 'approved write-off';
      if (task.context.scope === 'patient-balance') {
        if (x.action === 'approve') {
          const balance = patientBalanceCents(s);
          if (balance > 0) s.patient.writtenOffCents += balance;
          d.emit({ type: 'write-off', scope: 'patient-balance', claimId: null, reason });
          settlePatientBalance(d);
        }
        return undefined;
      }
      if (x.action === 'approve') {
        if (claim && !['paid', 'written-off', 'voided'].includes(claim.status)) writeOffClaim(d, claim, reason);
        else if (!claim && s.phase === 'coding') {
          // A write-off before any claim exists (e.g. an unauthorized procedure): nothing is billed.
          d.emit({ type: 'write-off', scope: 'claim', claimId: null, reason });
          closeExam(d);
        }
      } else if (claim?.status === 'denied') {
        d.openTask('denial-work', claim.claimId, { reason: 'write-off-rejected' });
      } else if (claim && task.context.requestedFrom === 'claim-build-error' && !['paid', 'written-off', 'voided'].includes(claim.status)) {
        // The claim still cannot go out: the biller works the error again (its failed work is kept for `retry`).
        const again = d.openTask('claim-build-error', claim.claimId, { reason: 'write-off-rejected' });
        for (const w of s.failedWork ?? []) if ('claimId' in w.effect && w.effect.claimId === claim.claimId) w.taskId = again.taskId;
      } else if (!claim && typeof task.context.requestedFrom === 'string' && task.context.requestedFrom === 'prior-auth-mismatch') {
        d.openTask('prior-auth-mismatch', null, { reason: 'write-off-rejected' });
      }
      return undefined;
    }
    case 'patient-balance-review': {
      const x = r as TaskResolution<'patient-balance-review'>;
      if (x.action === 'write-off-request') {
        requestWriteOff(d, task, x.reason, 'patient-balance');
        return undefined;
      }
      done();
      if (x.action === 'send-to-collections') {
        d.emit({ type: 'refer-to-collections' });
        closeExam(d);
      }
      return undefined;
    }
    case 'remittance-unmatched': {
      const x = r as TaskResolution<'remittance-unmatched'>;
      if (x.action === 'matched') {
        const target = s.claims.find((c) => c.claimId === x.claimId && c.status !== 'voided');
        const rem = task.context.remittance as unknown as ExamEventOf<'remittance'> | undefined;
        if (!target || !rem) return { code: 'unknown-claim', message: 'no such claim on this exam' };
        if (target.remittanceIds.includes(rem.remittanceId)) return { code: 'conflict', message: 'remittance already posted to that claim' };
        done();
        postToClaim(d, target, { ...rem, claimId: target.claimId });
        return undefined;
      }
      done();
      return undefined;
    }
    case 'underpayment-review': {
      const x = r as TaskResolution<'underpayment-review'>;
      if (x.action === 'appeal') {
        // A payment dispute: an open exam waits for the payer's answer; a closed one takes it as a late 835.
        if (claim && claim.status === 'paid' && !isTerminal(s.phase)) {
          const rejected = appealClaim(d, claim);
          if (rejected) return rejected;
        } else if (claim) {
          d.emit({ type: 'submit-appeal', claimId: claim.claimId, level: claim.appealLevel + 1, levelName: 'payment dispute' });
        }
        done();
        return undefined;
      }
      done();
      // Accepted: whatever the payer left open on a paid claim is written off (administrative), with the reason on the task.
      if (x.action === 'accept' && claim && claim.status === 'paid') {
        d.emit({ type: 'write-off', scope: 'claim', claimId: claim.claimId, reason: 'administrative' });
      }
      // An exam that only waited on this review goes on (bills the patient or closes).
      settle(d);
      return undefined;
    }
    case 'no-show-review': {
      const x = r as TaskResolution<'no-show-review'>;
      const waiting = s.phase === 'awaiting_exam' && !s.performed;
      done();
      if (x.action === 'cancel') cancelExam(d, x.reason);
      // Reschedule: the exam waits for its new date (coverage is verified again if it moved far).
      else if (x.action === 'reschedule' && waiting) reschedule(d, x.scheduledAt);
      // Performed: the RIS's performed event is awaited; asked again if it never comes.
      else if (x.action === 'performed' && waiting) d.startTimer('no-show', null, noShowDueAt(d, d.now));
      return undefined;
    }
    case 'claim-build-error': {
      const x = r as TaskResolution<'claim-build-error'>;
      if (x.action === 'write-off-request') {
        requestWriteOff(d, task, x.reason, 'claim');
        return undefined;
      }
      done();
      retryFailedWork(d, task);
      settle(d);
      return undefined;
    }
    case 'interface-error': {
      const x = r as TaskResolution<'interface-error'>;
      done();
      if (x.action === 'cancel') cancelExam(d, x.reason);
      else retryFailedWork(d, task);
      return undefined;
    }
    case 'coverage-change-review':
      // The biller's answer (the correction's reference, or why none is needed) is on the task.
      done();
      return undefined;
    case 'stalled-exam':
      done();
      // The plan is on the task; the exam is checked again after the task's due time.
      if (!isTerminal(s.phase)) d.startTimer('stalled-recheck', null, addDuration(d.now, timerDurations(d.policy).taskDue['stalled-exam'] ?? hours(24)));
      return undefined;
    case 'credit-balance-refund': {
      const x = r as TaskResolution<'credit-balance-refund'>;
      done();
      // A payer's payment after close goes back to the payer: what the patient owes does not change.
      if (typeof task.context.remittanceId !== 'string') s.patient.refundedCents += x.amountCents;
      if (s.phase === 'patient_balance') settlePatientBalance(d);
      return undefined;
    }
  }
  return undefined;
}

/**
 * The coder's answer on a corrected claim: corrected lines go to the payer by its correction vehicle (an
 * unprocessable claim as a new claim); the coding left as it was sends nothing: the denial goes back to the biller
 * (appeal or write-off). The claim must still be denied (no 835 answered it meanwhile).
 */
function resolveCorrection(d: ExamDraft, task: TaskRecord, claim: ClaimRecord, x: TaskResolution<'coding-review'>): Result {
  if (claim.status !== 'denied') return { code: 'invalid-in-phase', message: 'the claim is no longer denied: nothing to correct' };
  d.closeTask(task, 'resolved', x.action);
  if (x.action === 'accept') {
    d.openTask('denial-work', claim.claimId, {
      reason: 'coding-unchanged',
      ...(typeof task.context.carc === 'string' ? { carc: task.context.carc } : {}),
      ...(typeof task.context.category === 'string' ? { category: task.context.category } : {}),
      ...(task.context.newClaim === true ? { newClaimRequired: true } : {}),
    });
    return undefined;
  }
  d.emit({ type: 'apply-coding-correction', correction: x });
  if (task.context.newClaim === true) resubmitAsNewClaim(d, claim);
  else sendCorrection(d, claim, (c) => resubmitClaim(d, c));
  settle(d);
  return undefined;
}
