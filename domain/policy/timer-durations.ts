import { days, hours, type PolicyDuration } from './duration';
import type { PayerPolicy } from './payer-policy';
import type { TaskDueHours } from './task-due-hours';

/** Every timer of the exam lifecycle, as durations Temporal accepts, read from one payer policy. */
export interface TimerDurations {
  /** Re-run eligibility when the exam date moves further than this from the verified date. */
  eligibilityReverifyWindow: PolicyDuration;
  priorAuthResponseUrgent: PolicyDuration;
  priorAuthResponseStandard: PolicyDuration;
  /** After the scheduled date: the exam is a no-show. */
  noShowAfterScheduled: PolicyDuration;
  /** After `performed`: remind the reading radiologist, in order. */
  reportSignatureReminders: PolicyDuration[];
  /** Before the timely filing deadline: escalate an unsigned report. */
  reportSignatureEscalationBeforeDeadline: PolicyDuration;
  /** From the date of service. */
  timelyFilingDeadline: PolicyDuration;
  timelyFilingRiskBeforeDeadline: PolicyDuration;
  /** After submission. */
  ack999Overdue: PolicyDuration;
  /** After the 999 accepted the file. */
  ack277caOverdue: PolicyDuration;
  /** After acceptance without an 835. */
  firstStatusInquiry: PolicyDuration;
  statusInquiryRepeat: PolicyDuration;
  /** After the first submission. */
  arEscalationFirst: PolicyDuration;
  arEscalationSecond: PolicyDuration;
  /** Per appeal level, from the decision being appealed. */
  appealWindows: { level: number; name: string; window: PolicyDuration }[];
  appealWarningBeforeDeadline: PolicyDuration;
  statementCycle: PolicyDuration;
  /** After the first statement. */
  collectionsReview: PolicyDuration;
  /** Default time to work each task type. */
  taskDue: Record<keyof TaskDueHours, PolicyDuration>;
}

export function timerDurations(policy: PayerPolicy): TimerDurations {
  const taskDue = Object.fromEntries(
    Object.entries(policy.taskDueHours).map(([type, h]) => [type, hours(h)]),
  ) as Record<keyof TaskDueHours, PolicyDuration>;
  return {
    eligibilityReverifyWindow: days(policy.eligibility.reverifyWindowDays),
    priorAuthResponseUrgent: hours(policy.priorAuth.urgentResponseHours),
    priorAuthResponseStandard: days(policy.priorAuth.standardResponseDays),
    noShowAfterScheduled: days(policy.scheduling.noShowDays),
    reportSignatureReminders: policy.reportSignature.reminderHours.map(hours),
    reportSignatureEscalationBeforeDeadline: days(policy.reportSignature.escalateDaysBeforeFilingDeadline),
    timelyFilingDeadline: days(policy.timelyFiling.days),
    timelyFilingRiskBeforeDeadline: days(policy.timelyFiling.riskWarningDays),
    ack999Overdue: days(policy.acknowledgments.ack999OverdueDays),
    ack277caOverdue: days(policy.acknowledgments.ack277caOverdueDays),
    firstStatusInquiry: days(policy.followUp.firstStatusInquiryDays),
    statusInquiryRepeat: days(policy.followUp.repeatEveryDays),
    arEscalationFirst: days(policy.arEscalation.firstDays),
    arEscalationSecond: days(policy.arEscalation.secondDays),
    appealWindows: policy.appeals.levels.map((l) => ({ level: l.level, name: l.name, window: days(l.filingWindowDays) })),
    appealWarningBeforeDeadline: days(policy.appeals.warningDaysBefore),
    statementCycle: days(policy.patientStatements.cycleDays),
    collectionsReview: days(policy.patientStatements.collectionsReviewAfterDays),
    taskDue,
  };
}
