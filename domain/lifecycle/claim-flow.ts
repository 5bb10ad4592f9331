import { addDuration, findSeedPayerPolicy, subtractDuration, timerDurations, type BillingArrangement } from '../policy';
import { appealByVehicle, noteRemittance, openDenialWorkByVehicle } from './appeal-flow';
import type { ExamEventOf } from './exam-event';
import { claimPolicy, FINAL_CLAIM_STATUSES, patientBalanceCents, type ClaimComponent, type ClaimRecord, type JsonValue } from './exam-state';
import { canonicalInstant, type ExamDraft } from './exam-draft';
import { LIFECYCLE_PATCHES } from './lifecycle-options';
import { isTerminal } from './phase';
import type { LifecycleRejection } from './transition';
import { AGING_TIMERS, claimChangesApply, keepAging, sendAsNewClaim, voidClaim, voidSecondaryOf } from './claim-changes';

const COMPONENTS: Record<BillingArrangement, ClaimComponent[]> = {
  global: ['global'],
  split: ['technical', 'professional'],
  professional: ['professional'],
  technical: ['technical'],
};

/** The claims a billing arrangement creates, one per component. */
export function arrangementComponents(arrangement: BillingArrangement): ClaimComponent[] {
  return [...COMPONENTS[arrangement]];
}

const CLAIM_ORDER: ClaimComponent[] = ['global', 'technical', 'professional'];

const SUFFIX: Record<ClaimComponent, string> = { global: 'G', technical: 'T', professional: 'P' };

export function isFinal(claim: ClaimRecord): boolean {
  return FINAL_CLAIM_STATUSES.includes(claim.status);
}

/** The timers of a claim, from the policy of the payer it is billed to. */
function claimTimers(d: ExamDraft, claim: ClaimRecord | undefined) {
  return timerDurations(claimPolicy(d.state, claim));
}

/** The claim id a primary claim's secondary billing goes out under (CLM01; the secondary's 835 comes back under it). */
export function secondaryClaimIdFor(claimId: string): string {
  return `${claimId.slice(0, 36)}-S`;
}

/** `sentAs`: the frequency the 837 must carry whatever the claim's history (an unprocessable claim goes again as an original). */
function sendVersion(d: ExamDraft, claim: ClaimRecord, frequency: '1' | '7', sentAs?: '1'): void {
  if (claim.primaryClaimId !== undefined) {
    sendSecondary(d, claim);
    return;
  }
  claim.lastSubmittedAt = canonicalInstant(d.now);
  claim.status = 'submitted';
  d.emit({ type: 'build-claim', claimId: claim.claimId, version: claim.version, component: claim.component, frequency });
  d.emit({ type: 'submit-claim', claimId: claim.claimId, version: claim.version, idempotencyKey: `${claim.claimId}:v${claim.version}`, ...(sentAs ? { frequency: sentAs } : {}) });
  d.cancelTimers((t) => t.claimId === claim.claimId && ['ack-277ca', 'status-inquiry', 'appeal-deadline'].includes(t.kind));
  d.startTimer('ack-999', claim.claimId, addDuration(d.now, timerDurations(d.policy).ack999Overdue));
}

/** A claim as it is first sent: submitted now, nothing acknowledged, appealed or paid yet. */
function newClaimRecord(d: ExamDraft, claimId: string, component: ClaimComponent, version: number): ClaimRecord {
  const now = canonicalInstant(d.now);
  return {
    claimId, component, version, status: 'submitted', firstSubmittedAt: now, lastSubmittedAt: now,
    everAccepted: false, appealLevel: 0, autoCorrections: 0, remittanceIds: [], patientResponsibilityCents: 0,
  };
}

/** First submission of the exam's claims, one per component of the billing arrangement. */
export function submitNewClaims(d: ExamDraft): void {
  const t = timerDurations(d.policy);
  // Only the components coding found something billable in (a coder accepted the others as nothing to bill).
  const billable = d.state.coding.billable;
  // Claims from coding: exactly the coded claims, in a fixed order (global, technical, professional).
  const components = d.state.coding.fromCoding === true && billable !== undefined
    ? CLAIM_ORDER.filter((c) => billable.includes(c))
    : COMPONENTS[d.state.order.billingArrangement].filter((c) => billable === undefined || billable.includes(c));
  if (components.length === 0) {
    // Nothing to bill at all: what the patient paid is settled, else the exam closes.
    d.cancelTimers((x) => x.kind === 'timely-filing-risk');
    settlePatientBalance(d);
    return;
  }
  for (const component of components) {
    const claim = newClaimRecord(d, `${d.state.examId}-${SUFFIX[component]}`, component, 1);
    d.state.claims.push(claim);
    sendVersion(d, claim, '1');
    d.startTimer('ar-escalation', claim.claimId, addDuration(d.now, t.arEscalationFirst));
  }
  settle(d);
}

/**
 * A new version of a claim: frequency 7 (replacement) once the payer has adjudicated one, else 1. A secondary
 * claim follows its primary's version: it is billed again with the primary's adjudication (once per version).
 */
export function resubmitClaim(d: ExamDraft, claim: ClaimRecord): void {
  // A secondary claim billed again (after a rejection, or on follow-up) sends its own 837, a crossover that never
  // reached the secondary payer included.
  if (claim.primaryClaimId !== undefined) claim.crossover = false;
  claim.version += 1;
  sendVersion(d, claim, claim.everAccepted ? '7' : '1');
  // The claim's A/R age runs on through its resubmissions (exams from before lost it on a denial).
  if (claimChangesApply(d)) keepAging(d, claim);
}

/** An unprocessable claim goes again as a new claim: a new version, sent as an original (frequency 1, no REF*F8). */
export function resubmitAsNewClaim(d: ExamDraft, claim: ClaimRecord): void {
  sendAsNewClaim(d, claim, (c, frequency) => sendVersion(d, c, frequency, frequency));
  keepAging(d, claim);
}

/** The secondary claim goes out (or, on a crossover, is awaited): its timers follow the secondary payer's policy. */
function sendSecondary(d: ExamDraft, claim: ClaimRecord): void {
  // Never behind the primary's version (a corrected primary is billed on as that version), never back to one sent.
  const primary = d.state.claims.find((c) => c.claimId === claim.primaryClaimId);
  if (primary) claim.version = Math.max(claim.version, primary.version);
  claim.lastSubmittedAt = canonicalInstant(d.now);
  const crossover = claim.crossover === true;
  claim.status = crossover ? 'accepted' : 'submitted';
  if (crossover) claim.everAccepted = true;
  d.emit({ type: 'bill-secondary', claimId: claim.primaryClaimId!, payerId: claim.payerId ?? '', secondaryClaimId: claim.claimId, version: claim.version, crossover });
  d.cancelTimers((t) => t.claimId === claim.claimId && ['ack-999', 'ack-277ca', 'status-inquiry', 'appeal-deadline'].includes(t.kind));
  const t = claimTimers(d, claim);
  if (crossover) d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, t.firstStatusInquiry));
  else d.startTimer('ack-999', claim.claimId, addDuration(d.now, t.ack999Overdue));
}

/**
 * Coordination of benefits: what the primary left to the patient goes to the secondary payer first. The
 * secondary claim is a claim of the exam (its own status, acknowledgments, 835 and follow-up); on a
 * crossover (the primary forwarded the claim itself) nothing is sent and the secondary's 835 is awaited.
 */
function billSecondary(d: ExamDraft, primary: ClaimRecord, payerId: string, crossover: boolean): void {
  const s = d.state;
  // The secondary payer's policy comes as `policy-changed` (loaded by the workflow); exams from before took the seed's.
  if (!s.secondaryPolicy || s.secondaryPolicy.id !== payerId) {
    s.secondaryPolicy = d.uses(LIFECYCLE_PATCHES.secondaryPolicyLoaded) ? null : (findSeedPayerPolicy(payerId) ?? null);
  }
  const claimId = secondaryClaimIdFor(primary.claimId);
  let claim = s.claims.find((c) => c.claimId === claimId);
  if (!claim) {
    claim = {
      ...newClaimRecord(d, claimId, primary.component, primary.version),
      payerId,
      primaryClaimId: primary.claimId,
      crossover,
    };
    s.claims.push(claim);
    d.startTimer('ar-escalation', claim.claimId, addDuration(d.now, claimTimers(d, claim).arEscalationFirst));
  } else {
    // The primary adjudicated the claim again (a corrected claim, a reversal and correction): the secondary is
    // billed again with that adjudication, as a new version of the secondary claim.
    claim.payerId = payerId;
    claim.crossover = crossover;
    claim.version += 1;
  }
  sendSecondary(d, claim);
}

/**
 * The secondary payer's own policy arrived (it may differ from the provisional one): the waiting
 * timers of its claims are set again from it.
 */
export function adoptSecondaryPolicy(d: ExamDraft, policy: ExamEventOf<'policy-changed'>['policy']): void {
  const s = d.state;
  s.secondaryPolicy = policy;
  const t = timerDurations(policy);
  for (const claim of s.claims) {
    if (claim.primaryClaimId === undefined || claim.payerId !== policy.id || isFinal(claim)) continue;
    for (const timer of s.timers.filter((x) => x.claimId === claim.claimId)) {
      if (timer.kind === 'ack-999') d.startTimer('ack-999', claim.claimId, addDuration(claim.lastSubmittedAt, t.ack999Overdue));
      else if (timer.kind === 'ack-277ca') d.startTimer('ack-277ca', claim.claimId, addDuration(d.now, t.ack277caOverdue));
      else if (timer.kind === 'status-inquiry') d.startTimer('status-inquiry', claim.claimId, addDuration(claim.lastSubmittedAt, t.firstStatusInquiry));
      else if (timer.kind === 'ar-escalation') d.startTimer('ar-escalation', claim.claimId, addDuration(claim.firstSubmittedAt, t.arEscalationFirst));
    }
  }
}

/**
 * The claim's pending work ends (an 835 answered it). Its A/R age (the 90-day escalation) runs on while the claim
 * stays open (`open`: denied, reversed); exams from before lost it here.
 */
function closeClaimWork(d: ExamDraft, claimId: string, open = false): void {
  const aging = (t: { claimId: string | null; kind: string }) => t.claimId === claimId && (AGING_TIMERS as readonly string[]).includes(t.kind);
  const keep = open && d.state.timers.some(aging) && claimChangesApply(d);
  d.cancelTimers((t) => t.claimId === claimId && !(keep && aging(t)));
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
    closeUnlessPayerWorkOpen(d);
    return;
  }
  if (balance === 0) {
    closeUnlessPayerWorkOpen(d);
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

/**
 * Nothing is owed: the exam closes, unless a payment dispute with a payer is still being reviewed (an open
 * underpayment review): it waits in adjudication, and closes once the review is resolved.
 */
function closeUnlessPayerWorkOpen(d: ExamDraft): void {
  if (d.state.tasks.some((t) => t.status === 'open' && t.type === 'underpayment-review')) {
    d.setPhase('adjudication');
    return;
  }
  closeExam(d);
}

export function closeExam(d: ExamDraft): void {
  d.cancelTimers(() => true);
  d.closeTasks((t) => t.type !== 'credit-balance-refund', 'superseded');
  if (d.state.failedWork) d.state.failedWork = [];
  d.setPhase('closed');
  d.state.closedAt = canonicalInstant(d.now);
}

export function cancelExam(d: ExamDraft, reason: string): void {
  const live = d.state.claims.filter((c) => c.status !== 'voided' && c.status !== 'written-off');
  // Withdrawn at the payer, the receivable reversed (exams from before only marked their claims voided).
  const withdraw = live.length > 0 && claimChangesApply(d);
  for (const c of live) {
    if (withdraw) {
      voidClaim(d, c, 'exam-cancelled');
      continue;
    }
    c.status = 'voided';
    d.emit({ type: 'void-claim', claimId: c.claimId, version: c.version });
  }
  d.cancelTimers(() => true);
  d.closeTasks(() => true, 'cancelled');
  if (d.state.failedWork) d.state.failedWork = [];
  d.state.cancelReason = reason;
  d.setPhase('cancelled');
}

export function handleAcknowledgment(d: ExamDraft, ev: ExamEventOf<'acknowledgment'>): LifecycleRejection | 'stale' | undefined {
  const claim = d.state.claims.find((c) => c.claimId === ev.claimId);
  if (!claim) return { code: 'unknown-claim', message: 'acknowledgment for a claim this exam does not have' };
  if (ev.claimVersion !== claim.version || claim.status !== 'submitted') return 'stale';
  const t = claimTimers(d, claim);
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

function openDenialWork(d: ExamDraft, claim: ClaimRecord, context: { category: string; carc: string; [key: string]: JsonValue }): void {
  // Claims whose 835 facts were recorded (appeal vehicles): the vehicle, and the deadline from the 835's date.
  if (claim.remittance) {
    openDenialWorkByVehicle(d, claim, context);
    return;
  }
  const t = claimTimers(d, claim);
  const next = t.appealWindows[claim.appealLevel];
  const appealDeadline = next ? addDuration(d.now, next.window) : undefined;
  d.openTask('denial-work', claim.claimId, { ...context, nextAppealLevel: next ? next.level : null, appealDeadline: appealDeadline ?? null }, { appealDeadline });
  if (appealDeadline) d.startTimer('appeal-deadline', claim.claimId, subtractDuration(appealDeadline, t.appealWarningBeforeDeadline));
}

/**
 * The claim an 835 pays: the secondary claim when the secondary payer answers under the primary's claim
 * id (a crossover), else the claim it names.
 */
function remittanceTarget(s: ExamDraft['state'], ev: ExamEventOf<'remittance'>): ClaimRecord | undefined {
  const secondary = ev.payerId === undefined ? undefined : s.claims.find((c) => c.primaryClaimId === ev.claimId && c.payerId === ev.payerId && c.status !== 'voided');
  return secondary ?? s.claims.find((c) => c.claimId === ev.claimId && c.status !== 'voided');
}

export function handleRemittance(d: ExamDraft, ev: ExamEventOf<'remittance'>): void {
  const s = d.state;
  const claim = remittanceTarget(s, ev);
  if (isTerminal(s.phase)) {
    s.claims.find((c) => c.claimId === ev.claimId)?.remittanceIds.push(ev.remittanceId);
    s.lateEvents.push({ eventId: ev.eventId, type: ev.type, receivedAt: canonicalInstant(d.now) });
    d.emit({ type: 'record-late-event', eventId: ev.eventId, eventType: ev.type });
    d.emit({ type: 'post-remittance', claimId: ev.claimId, remittanceId: ev.remittanceId, late: true });
    if (s.phase !== 'closed') return;
    // A payment taken back after close leaves the claim open at the payer: a biller follows up on its correction,
    // and the corrected payment, when it comes, is that follow-up's answer rather than money to refund.
    const worked = claim ?? s.claims.find((c) => c.claimId === ev.claimId);
    const awaited = worked ? d.findOpenTask('claim-follow-up', worked.claimId) : undefined;
    if (ev.status === 'reversed' && worked) {
      worked.status = 'accepted';
      d.openTask('claim-follow-up', worked.claimId, { reason: 'payment-reversed', remittanceId: ev.remittanceId, reversedCents: ev.reversedCents ?? 0 });
    } else if (ev.paidCents > 0 && worked && awaited?.context.reason === 'payment-reversed') {
      worked.status = 'paid';
      d.closeTasks((t) => t.taskId === awaited.taskId, 'superseded');
    } else if (ev.paidCents > 0) {
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
  if (ev.status !== 'reversed' && d.uses(LIFECYCLE_PATCHES.appealVehicles)) noteRemittance(claim, ev, d.now);
  if (ev.status === 'reversed') {
    reverseClaimPayment(d, claim);
    return;
  }
  // The primary's patient share goes to the secondary payer first (never from the secondary's own 835).
  const nextPayer = ev.secondaryPayerId !== undefined && claim.primaryClaimId === undefined && ev.payerId !== ev.secondaryPayerId ? ev.secondaryPayerId : undefined;
  const billNext = nextPayer !== undefined && !ev.denial && ev.status !== 'denied' && ev.patientResponsibilityCents > 0;
  claim.patientResponsibilityCents = billNext ? 0 : ev.patientResponsibilityCents;
  const deniedLines = ev.status === 'partially-paid' ? (ev.deniedLines ?? []) : [];

  if (ev.denial) {
    closeClaimWork(d, claim.claimId, true);
    if (ev.denial.correctable && claim.autoCorrections === 0) {
      claim.autoCorrections += 1;
      resubmitClaim(d, claim);
    } else {
      claim.status = 'denied';
      // An unprocessable claim (CO-16 with MA130) has no appeal rights: it is sent again as a new claim.
      const newClaim = ev.denial.newClaimRequired === true && claimChangesApply(d);
      openDenialWork(d, claim, { category: ev.denial.category, carc: ev.denial.carc, ...(newClaim ? { newClaimRequired: true, recommendedAction: 'resubmit-as-new-claim' } : {}) });
    }
  } else if (ev.status === 'denied') {
    closeClaimWork(d, claim.claimId, true);
    claim.status = 'denied';
    openDenialWork(d, claim, { category: 'other', carc: '' });
  } else if (deniedLines.length > 0) {
    // A line denied on a paid claim stays open with the payer until it is worked: the claim is not paid.
    // CO-97 (bundled) recommends a corrected claim only when the services were distinct (modifier 59/X{EPSU}),
    // which takes a coder's judgement, else a write-off: a person decides (domain/denials, carc-table).
    closeClaimWork(d, claim.claimId, true);
    claim.status = 'denied';
    const first = deniedLines[0]!;
    openDenialWork(d, claim, {
      category: first.category,
      carc: first.carc,
      scope: 'lines',
      recommendedAction: first.action,
      deniedCents: deniedLines.reduce((t, l) => t + l.amountCents, 0),
      lines: deniedLines.map((l) => ({ cpt: l.cpt, group: l.group, carc: l.carc, amountCents: l.amountCents, category: l.category, recommendedAction: l.action })),
    });
  } else {
    claim.status = 'paid';
    closeClaimWork(d, claim.claimId);
  }
  if (billNext) billSecondary(d, claim, nextPayer, ev.crossover === true);
  settle(d);
}

/**
 * The payer took back its payment of the claim (CLP02 22) without a correction in the same 835: the claim is
 * back with the payer, awaiting its corrected adjudication. The patient share it had set is withdrawn with it
 * (statements stop while nothing is owed), and the claim is followed up on the payer's schedule.
 */
function reverseClaimPayment(d: ExamDraft, claim: ClaimRecord): void {
  closeClaimWork(d, claim.claimId, true);
  claim.status = 'accepted';
  claim.patientResponsibilityCents = 0;
  // The secondary claim billed from the reversed adjudication is voided with it.
  voidSecondaryOf(d, claim);
  d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, claimTimers(d, claim).firstStatusInquiry));
  settle(d);
}

/**
 * What posting an 835 found: a payment short of the expected reimbursement opens an underpayment review
 * (primary claims: a secondary pays only what the primary left); a payer receivable left in credit opens
 * the refund of that credit to the payer.
 */
export function remittancePosted(d: ExamDraft, ev: ExamEventOf<'remittance-posted'>): void {
  const s = d.state;
  if (s.phase === 'cancelled') return;
  const claim = s.claims.find((c) => c.claimId === ev.claimId);
  if (ev.underpaymentCents > 0 && claim && claim.primaryClaimId === undefined && claim.status !== 'voided') {
    d.openTask('underpayment-review', claim.claimId, { remittanceId: ev.remittanceId, shortfallCents: ev.underpaymentCents });
  }
  for (const credit of ev.payerCredits) {
    d.openTask('credit-balance-refund', ev.claimId, { reason: 'payer-overpaid', payerId: credit.payerId, creditCents: credit.creditCents, remittanceId: ev.remittanceId });
  }
}

/** An appeal at the next level the payer allows, or a rejection when none is left. */
export function appealClaim(d: ExamDraft, claim: ClaimRecord, opts: { clericalError?: boolean } = {}): LifecycleRejection | undefined {
  if (claim.remittance) {
    const rejected = appealByVehicle(d, claim, opts);
    if (!rejected) settle(d);
    return rejected;
  }
  const t = claimTimers(d, claim);
  const next = t.appealWindows[claim.appealLevel];
  if (!next) return { code: 'invalid-resolution', message: 'no appeal level left with this payer' };
  claim.appealLevel = next.level;
  claim.status = 'appealed';
  d.cancelTimers((x) => x.claimId === claim.claimId && x.kind === 'appeal-deadline');
  d.emit({ type: 'submit-appeal', claimId: claim.claimId, level: next.level, levelName: next.name });
  d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, t.firstStatusInquiry));
  if (claimChangesApply(d)) keepAging(d, claim);
  settle(d);
  return undefined;
}

export function writeOffClaim(d: ExamDraft, claim: ClaimRecord, reason: string): void {
  claim.status = 'written-off';
  d.emit({ type: 'write-off', scope: 'claim', claimId: claim.claimId, reason });
  closeClaimWork(d, claim.claimId);
  settle(d);
}
