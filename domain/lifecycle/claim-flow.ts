import { addDuration, subtractDuration, timerDurations, type BillingArrangement } from '../policy';
import type { ExamEventOf } from './exam-event';
import { FINAL_CLAIM_STATUSES, patientBalanceCents, type ClaimComponent, type ClaimRecord } from './exam-state';
import { canonicalInstant, type ExamDraft } from './exam-draft';
import { isTerminal } from './phase';
import type { LifecycleRejection } from './transition';

const COMPONENTS: Record<BillingArrangement, ClaimComponent[]> = {
  global: ['global'],
  split: ['technical', 'professional'],
  professional: ['professional'],
  technical: ['technical'],
};

const SUFFIX: Record<ClaimComponent, string> = { global: 'G', technical: 'T', professional: 'P' };

export function isFinal(claim: ClaimRecord): boolean {
  return FINAL_CLAIM_STATUSES.includes(claim.status);
}

function sendVersion(d: ExamDraft, claim: ClaimRecord, frequency: '1' | '7'): void {
  claim.lastSubmittedAt = canonicalInstant(d.now);
  claim.status = 'submitted';
  d.emit({ type: 'build-claim', claimId: claim.claimId, version: claim.version, component: claim.component, frequency });
  d.emit({ type: 'submit-claim', claimId: claim.claimId, version: claim.version, idempotencyKey: `${claim.claimId}:v${claim.version}` });
  d.cancelTimers((t) => t.claimId === claim.claimId && ['ack-277ca', 'status-inquiry', 'appeal-deadline'].includes(t.kind));
  d.startTimer('ack-999', claim.claimId, addDuration(d.now, timerDurations(d.policy).ack999Overdue));
}

/** First submission of the exam's claims, one per component of the billing arrangement. */
export function submitNewClaims(d: ExamDraft): void {
  const t = timerDurations(d.policy);
  for (const component of COMPONENTS[d.state.order.billingArrangement]) {
    const claim: ClaimRecord = {
      claimId: `${d.state.examId}-${SUFFIX[component]}`,
      component,
      version: 1,
      status: 'submitted',
      firstSubmittedAt: canonicalInstant(d.now),
      lastSubmittedAt: canonicalInstant(d.now),
      everAccepted: false,
      appealLevel: 0,
      autoCorrections: 0,
      remittanceIds: [],
      patientResponsibilityCents: 0,
    };
    d.state.claims.push(claim);
    sendVersion(d, claim, '1');
    d.startTimer('ar-escalation', claim.claimId, addDuration(d.now, t.arEscalationFirst));
  }
  settle(d);
}

/** A new version of a claim: frequency 7 (replacement) once the payer has adjudicated one, else 1. */
export function resubmitClaim(d: ExamDraft, claim: ClaimRecord): void {
  claim.version += 1;
  sendVersion(d, claim, claim.everAccepted ? '7' : '1');
}

function closeClaimWork(d: ExamDraft, claimId: string): void {
  d.cancelTimers((t) => t.claimId === claimId);
  d.closeTasks((t) => t.claimId === claimId && t.type !== 'write-off-approval', 'superseded');
}

/** Derives the phase from the claims once the exam has any: submission, appeal, adjudication, then patient balance or closed. */
export function settle(d: ExamDraft): void {
  const s = d.state;
  if (isTerminal(s.phase) || s.claims.length === 0) return;
  const claims = s.claims.filter((c) => c.status !== 'voided');
  const leavingBalance = s.phase === 'patient_balance';
  if (claims.some((c) => c.status === 'submitted' || c.status === 'rejected')) d.setPhase('submission');
  else if (claims.some((c) => c.status === 'denied')) d.setPhase('appeal');
  else if (claims.some((c) => c.status === 'accepted' || c.status === 'appealed')) d.setPhase('adjudication');
  else {
    if (claims.every((c) => c.status !== 'submitted' && c.status !== 'rejected')) {
      d.cancelTimers((t) => t.kind === 'timely-filing-risk');
      d.closeTasks((t) => t.type === 'timely-filing-risk', 'superseded');
    }
    settlePatientBalance(d);
    return;
  }
  if (leavingBalance) d.cancelTimers((t) => t.kind === 'statement-cycle' || t.kind === 'collections-review');
  if (claims.every((c) => c.everAccepted || isFinal(c))) {
    d.cancelTimers((t) => t.kind === 'timely-filing-risk');
    d.closeTasks((t) => t.type === 'timely-filing-risk', 'superseded');
  }
}

/** With nothing left at the payers: bill the patient, write off a small balance, or close. */
export function settlePatientBalance(d: ExamDraft): void {
  const s = d.state;
  if (isTerminal(s.phase)) return;
  const balance = patientBalanceCents(s);
  const small = d.policy.patientStatements.smallBalanceWriteOffCents;
  if (balance > 0 && balance <= small) {
    s.patient.writtenOffCents += balance;
    d.emit({ type: 'write-off', scope: 'patient-balance', claimId: null, reason: 'small-balance' });
    closeExam(d);
    return;
  }
  if (balance === 0) {
    closeExam(d);
    return;
  }
  if (s.phase !== 'patient_balance') {
    d.setPhase('patient_balance');
    if (balance > 0 && s.patient.statementsSent === 0) {
      const t = timerDurations(d.policy);
      s.patient.statementsSent = 1;
      s.patient.firstStatementAt = canonicalInstant(d.now);
      d.emit({ type: 'send-statement', sequence: 1 });
      d.startTimer('statement-cycle', null, addDuration(d.now, t.statementCycle));
      d.startTimer('collections-review', null, addDuration(d.now, t.collectionsReview));
    }
  }
  if (balance < 0) d.openTask('credit-balance-refund', null, { reason: 'patient-overpaid', creditCents: -balance });
}

export function closeExam(d: ExamDraft): void {
  d.cancelTimers(() => true);
  d.closeTasks((t) => t.type !== 'credit-balance-refund', 'superseded');
  d.setPhase('closed');
  d.state.closedAt = canonicalInstant(d.now);
}

export function cancelExam(d: ExamDraft, reason: string): void {
  for (const c of d.state.claims) {
    if (c.status === 'voided' || c.status === 'written-off') continue;
    c.status = 'voided';
    d.emit({ type: 'void-claim', claimId: c.claimId, version: c.version });
  }
  d.cancelTimers(() => true);
  d.closeTasks(() => true, 'cancelled');
  d.state.cancelReason = reason;
  d.setPhase('cancelled');
}

export function handleAcknowledgment(d: ExamDraft, ev: ExamEventOf<'acknowledgment'>): LifecycleRejection | 'stale' | undefined {
  const claim = d.state.claims.find((c) => c.claimId === ev.claimId);
  if (!claim) return { code: 'unknown-claim', message: 'acknowledgment for a claim this exam does not have' };
  if (ev.claimVersion !== claim.version || claim.status !== 'submitted') return 'stale';
  const t = timerDurations(d.policy);
  if (!ev.accepted) {
    claim.status = 'rejected';
    d.cancelTimers((x) => x.claimId === claim.claimId && (x.kind === 'ack-999' || x.kind === 'ack-277ca'));
    d.closeTasks((x) => x.claimId === claim.claimId && x.type === 'claim-follow-up', 'superseded');
    d.openTask('claim-rejected', claim.claimId, { acknowledgment: ev.kind, errorCodes: ev.errorCodes ?? [], version: claim.version });
  } else if (ev.kind === '999') {
    const ack = d.findTimer('ack-999', claim.claimId);
    if (!ack) return 'stale';
    d.removeTimer(ack);
    d.startTimer('ack-277ca', claim.claimId, addDuration(d.now, t.ack277caOverdue));
  } else {
    claim.status = 'accepted';
    claim.everAccepted = true;
    d.cancelTimers((x) => x.claimId === claim.claimId && (x.kind === 'ack-999' || x.kind === 'ack-277ca'));
    d.closeTasks((x) => x.claimId === claim.claimId && x.type === 'claim-follow-up', 'superseded');
    d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, t.firstStatusInquiry));
  }
  settle(d);
  return undefined;
}

function openDenialWork(d: ExamDraft, claim: ClaimRecord, context: { category: string; carc: string }): void {
  const t = timerDurations(d.policy);
  const next = t.appealWindows[claim.appealLevel];
  const appealDeadline = next ? addDuration(d.now, next.window) : undefined;
  d.openTask('denial-work', claim.claimId, { ...context, nextAppealLevel: next ? next.level : null, appealDeadline: appealDeadline ?? null }, { appealDeadline });
  if (appealDeadline) d.startTimer('appeal-deadline', claim.claimId, subtractDuration(appealDeadline, t.appealWarningBeforeDeadline));
}

export function handleRemittance(d: ExamDraft, ev: ExamEventOf<'remittance'>): void {
  const s = d.state;
  const claim = s.claims.find((c) => c.claimId === ev.claimId && c.status !== 'voided');
  if (isTerminal(s.phase)) {
    s.claims.find((c) => c.claimId === ev.claimId)?.remittanceIds.push(ev.remittanceId);
    s.lateEvents.push({ eventId: ev.eventId, type: ev.type, receivedAt: canonicalInstant(d.now) });
    d.emit({ type: 'record-late-event', eventId: ev.eventId, eventType: ev.type });
    d.emit({ type: 'post-remittance', claimId: ev.claimId, remittanceId: ev.remittanceId, late: true });
    if (ev.paidCents > 0 && s.phase === 'closed') {
      d.openTask('credit-balance-refund', null, { reason: 'payment-after-close', remittanceId: ev.remittanceId, paidCents: ev.paidCents });
    }
    return;
  }
  if (!claim) {
    d.openTask('remittance-unmatched', null, { remittanceId: ev.remittanceId, remittance: JSON.parse(JSON.stringify(ev)) });
    return;
  }
  postToClaim(d, claim, ev);
}

export function postToClaim(d: ExamDraft, claim: ClaimRecord, ev: ExamEventOf<'remittance'>): void {
  claim.remittanceIds.push(ev.remittanceId);
  claim.everAccepted = true;
  d.emit({ type: 'post-remittance', claimId: claim.claimId, remittanceId: ev.remittanceId, late: false });
  if (!ev.secondaryPayerId) claim.patientResponsibilityCents = ev.patientResponsibilityCents;
  else d.emit({ type: 'bill-secondary', claimId: claim.claimId, payerId: ev.secondaryPayerId });

  if (ev.denial) {
    closeClaimWork(d, claim.claimId);
    if (ev.denial.correctable && claim.autoCorrections === 0) {
      claim.autoCorrections += 1;
      resubmitClaim(d, claim);
    } else {
      claim.status = 'denied';
      openDenialWork(d, claim, { category: ev.denial.category, carc: ev.denial.carc });
    }
  } else if (ev.status === 'denied') {
    closeClaimWork(d, claim.claimId);
    claim.status = 'denied';
    openDenialWork(d, claim, { category: 'other', carc: '' });
  } else {
    claim.status = 'paid';
    closeClaimWork(d, claim.claimId);
  }
  settle(d);
}

/** An appeal at the next level the payer allows, or a rejection when none is left. */
export function appealClaim(d: ExamDraft, claim: ClaimRecord): LifecycleRejection | undefined {
  const t = timerDurations(d.policy);
  const next = t.appealWindows[claim.appealLevel];
  if (!next) return { code: 'invalid-resolution', message: 'no appeal level left with this payer' };
  claim.appealLevel = next.level;
  claim.status = 'appealed';
  d.cancelTimers((x) => x.claimId === claim.claimId && x.kind === 'appeal-deadline');
  d.emit({ type: 'submit-appeal', claimId: claim.claimId, level: next.level, levelName: next.name });
  d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, t.firstStatusInquiry));
  settle(d);
  return undefined;
}

export function writeOffClaim(d: ExamDraft, claim: ClaimRecord, reason: string): void {
  claim.status = 'written-off';
  d.emit({ type: 'write-off', scope: 'claim', claimId: claim.claimId, reason });
  closeClaimWork(d, claim.claimId);
  settle(d);
}
