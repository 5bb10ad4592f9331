import { addDays, assertCalendarDate, compareDates, type CalendarDate } from '../ledger';
import { validatePatientBalancePolicy, type PatientBalancePolicy } from './patient-balance-policy';

export interface StatementSchedule {
  readonly statementDates: readonly CalendarDate[];
  readonly collectionsReviewDate: CalendarDate;
}

/** Statement dates (every cycle from the first) and the collections review date. */
export function statementSchedule(firstStatementDate: CalendarDate, policy: PatientBalancePolicy): StatementSchedule {
  assertCalendarDate(firstStatementDate, 'firstStatementDate');
  validatePatientBalancePolicy(policy);
  const statementDates = Array.from({ length: policy.statementsBeforeReview }, (_, i) => addDays(firstStatementDate, i * policy.statementCycleDays));
  return { statementDates, collectionsReviewDate: addDays(firstStatementDate, policy.collectionsReviewDays) };
}

export type PatientBalanceStep =
  | { readonly kind: 'nothing-owed' }
  | { readonly kind: 'refund-credit'; readonly amountCents: number }
  | { readonly kind: 'small-balance-write-off'; readonly amountCents: number }
  | { readonly kind: 'follow-payment-plan' }
  | { readonly kind: 'send-statement'; readonly statementNumber: number; readonly dueDate: CalendarDate; readonly due: boolean }
  | { readonly kind: 'collections-review'; readonly dueDate: CalendarDate; readonly due: boolean };

export interface PatientBalanceSituation {
  /** Patient open balance (negative: credit balance). */
  readonly patientOpenCents: number;
  /** Cash held unapplied for the patient. */
  readonly unappliedCashCents: number;
  /** Date of the first statement (or when the patient balance arose, if none was sent). */
  readonly firstStatementDate: CalendarDate;
  readonly statementsSent: number;
  readonly onPaymentPlan: boolean;
  /** The day being evaluated, passed in (never read from a clock). */
  readonly asOf: CalendarDate;
}

/** What the patient-balance phase should do next, and when (a date for a durable timer). */
export function nextPatientBalanceStep(situation: PatientBalanceSituation, policy: PatientBalancePolicy): PatientBalanceStep {
  validatePatientBalancePolicy(policy);
  assertCalendarDate(situation.asOf, 'asOf');
  const owed = situation.patientOpenCents - situation.unappliedCashCents;
  if (owed < 0) return { kind: 'refund-credit', amountCents: -owed };
  if (owed === 0) return { kind: 'nothing-owed' };
  if (owed < policy.smallBalanceThresholdCents) return { kind: 'small-balance-write-off', amountCents: owed };
  if (situation.onPaymentPlan) return { kind: 'follow-payment-plan' };
  const schedule = statementSchedule(situation.firstStatementDate, policy);
  const nextStatement = schedule.statementDates[situation.statementsSent];
  if (nextStatement !== undefined) {
    return { kind: 'send-statement', statementNumber: situation.statementsSent + 1, dueDate: nextStatement, due: compareDates(nextStatement, situation.asOf) <= 0 };
  }
  return { kind: 'collections-review', dueDate: schedule.collectionsReviewDate, due: compareDates(schedule.collectionsReviewDate, situation.asOf) <= 0 };
}
