import { amountInControversy, appealDocumentId, nextAppeal, remittanceDateOr, reopening, type AppealChoice, type RemittanceFacts } from '../appeals/appeal-vehicles';
import { addDuration, subtractDuration, timerDurations, toEpochMs } from '../policy';
import type { ExamEventOf } from './exam-event';
import { canonicalInstant, type ExamDraft } from './exam-draft';
import { claimPolicy, type ClaimRecord, type JsonValue } from './exam-state';
import type { LifecycleRejection } from './transition';

/**
 * Appeals by the payer's vehicle (LIFECYCLE_PATCHES.appealVehicles). The lifecycle records what each 835 decided
 * on the claim (`claim.remittance`); a denial then offers the next level's vehicle with its deadline counted
 * from the 835's date, and an appeal files that vehicle: a written request rendered as a document (Medicare
 * redetermination, reconsideration, ALJ...; letters to other payers; reopenings for clerical errors), or the
 * claim again as frequency 7 where the payer's policy says so. A claim without appeal rights (MA130) and a level
 * below its amount in controversy are refused with the reason.
 */

/** The facts of an 835 the appeal rules read, kept on the claim (the payer's latest decision). */
export function noteRemittance(claim: ClaimRecord, ev: ExamEventOf<'remittance'>, now: string): void {
  const deniedLines = ev.deniedLines ?? [];
  const facts: RemittanceFacts & { deniedCents: number | null } = {
    remittanceDate: remittanceDateOr(ev.remittanceDate, now),
    carc: ev.denial?.carc ?? deniedLines[0]?.carc ?? null,
    remarkCodes: [...new Set(ev.remarkCodes ?? [])],
    appealable: ev.appealRights !== false,
    chargeCents: ev.chargeCents ?? null,
    paidCents: ev.paidCents,
    patientResponsibilityCents: ev.patientResponsibilityCents,
    deniedCents: deniedLines.length > 0 ? deniedLines.reduce((t, l) => t + l.amountCents, 0) : null,
  };
  claim.remittance = { ...facts, remarkCodes: [...facts.remarkCodes] };
}

function factsOf(claim: ClaimRecord): RemittanceFacts {
  const r = claim.remittance!;
  // Lines denied on a paid claim: the amount in controversy is what those lines were refused.
  if (r.deniedCents !== undefined && r.deniedCents !== null) return { ...r, chargeCents: r.deniedCents, paidCents: 0, patientResponsibilityCents: 0 };
  return r;
}

/** The last day to file, as the instant the task and timers use (the end of that day, UTC). */
function endOfDay(date: string): string {
  return canonicalInstant(`${date}T23:59:59.000Z`);
}

function optionContext(choice: AppealChoice): { [key: string]: JsonValue } {
  if (!choice.ok) {
    return {
      nextAppealLevel: null, appealDeadline: null, appealVehicle: null,
      appealBlocked: choice.refusal.code, appealBlockedReason: choice.refusal.message,
      ...(choice.refusal.code === 'no-appeal-rights' ? { recommendedAction: 'resubmit-as-new-claim' } : {}),
    };
  }
  const o = choice.option;
  return {
    nextAppealLevel: o.level, appealLevelName: o.levelName, appealVehicle: o.vehicle, appealForm: o.form,
    appealDeadline: endOfDay(o.deadline), appealDeadlineDate: o.deadline, appealDocument: o.document,
    amountInControversyCents: o.amountInControversyCents, appealBlocked: null,
  };
}

/** `denial-work` for a denied claim whose 835 facts are known: the next vehicle, its deadline from the 835's date. */
export function openDenialWorkByVehicle(d: ExamDraft, claim: ClaimRecord, context: { category: string; carc: string; [key: string]: JsonValue }): void {
  const policy = claimPolicy(d.state, claim);
  const t = timerDurations(policy);
  const facts = factsOf(claim);
  const next = nextAppeal(policy, claim.appealLevel, facts);
  const reopen = facts.appealable ? reopening(policy, facts) : undefined;
  const deadline = next.ok ? endOfDay(next.option.deadline) : undefined;
  d.openTask('denial-work', claim.claimId, {
    ...context,
    remittanceDate: facts.remittanceDate,
    remarkCodes: [...facts.remarkCodes],
    appealRights: facts.appealable,
    amountInControversyCents: amountInControversy(facts),
    ...optionContext(next),
    reopening: reopen?.ok ? { vehicle: reopen.option.vehicle, deadlineDate: reopen.option.deadline } : null,
    previousAppeals: (claim.appeals ?? []).map((a) => ({ level: a.level, vehicle: a.vehicle, documentId: a.documentId, filedAt: a.filedAt })),
  }, { appealDeadline: deadline });
  if (deadline) {
    const warnAt = subtractDuration(deadline, t.appealWarningBeforeDeadline);
    // A deadline already near (the 835 came late, or was posted late): the warning fires at once.
    d.startTimer('appeal-deadline', claim.claimId, toEpochMs(warnAt) < toEpochMs(d.now) ? d.now : warnAt);
  }
}

/**
 * Files the next appeal (or, for a clerical error, the reopening) by the payer's vehicle; the refusal, with what
 * to do instead, when there is none. The caller settles the exam.
 */
export function appealByVehicle(d: ExamDraft, claim: ClaimRecord, opts: { clericalError?: boolean } = {}): LifecycleRejection | undefined {
  const policy = claimPolicy(d.state, claim);
  const facts = factsOf(claim);
  const choice = opts.clericalError && facts.appealable ? reopening(policy, facts) : nextAppeal(policy, claim.appealLevel, facts);
  if (!choice.ok) return { code: 'invalid-resolution', message: choice.refusal.message, details: [{ path: 'action', message: choice.refusal.code }] };
  const o = choice.option;
  if (o.level === 0 && (claim.appeals ?? []).some((a) => a.level === 0 && a.version === claim.version)) {
    return { code: 'invalid-resolution', message: 'a reopening of this claim was already requested: appeal the decision instead', details: [{ path: 'clericalError', message: 'reopening-requested' }] };
  }
  const documentId = o.document ? appealDocumentId(claim.claimId, claim.version, o.level) : null;
  if (o.level > 0) claim.appealLevel = o.level;
  claim.status = 'appealed';
  (claim.appeals ??= []).push({ level: o.level, levelName: o.levelName, vehicle: o.vehicle, documentId, deadline: o.deadline, filedAt: canonicalInstant(d.now), version: claim.version });
  const task = d.findOpenTask('denial-work', claim.claimId);
  if (task) task.context = { ...task.context, appealFiled: { level: o.level, vehicle: o.vehicle, form: o.form, documentId, deadlineDate: o.deadline } };
  d.cancelTimers((x) => x.claimId === claim.claimId && x.kind === 'appeal-deadline');
  d.emit({
    type: 'submit-appeal', claimId: claim.claimId, level: o.level, levelName: o.levelName, vehicle: o.vehicle, form: o.form,
    ...(documentId !== null ? { documentId } : {}), deadline: o.deadline, remittanceDate: o.remittanceDate,
  });
  d.startTimer('status-inquiry', claim.claimId, addDuration(d.now, timerDurations(policy).firstStatusInquiry));
  return undefined;
}
