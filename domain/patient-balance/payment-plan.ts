import { addDays, addMonths, assertCalendarDate, compareDates, type CalendarDate } from '../ledger';
import { PatientBalanceError } from './patient-balance-errors';

export type PlanInterval = { readonly unit: 'month'; readonly every: number } | { readonly unit: 'day'; readonly every: number };

export interface Installment {
  readonly number: number;
  readonly dueDate: CalendarDate;
  readonly amountCents: number;
}

export interface PaymentPlan {
  readonly totalCents: number;
  readonly installments: readonly Installment[];
}

/**
 * Splits a balance into installments that add up exactly. Rounding rule: every installment gets
 * floor(total / count) cents and the first (total mod count) installments get one cent more.
 * Monthly dates keep the day of month, or the month's last day when it has fewer days.
 */
export function buildPaymentPlan(input: {
  readonly balanceCents: number;
  readonly installmentCount: number;
  readonly firstDueDate: CalendarDate;
  readonly interval: PlanInterval;
  readonly minimumInstallmentCents?: number;
}): PaymentPlan {
  const { balanceCents, installmentCount, interval } = input;
  if (!Number.isSafeInteger(balanceCents) || balanceCents <= 0) throw new PatientBalanceError('invalid-amount', 'plan balance must be positive whole cents');
  if (!Number.isSafeInteger(installmentCount) || installmentCount < 1 || installmentCount > 120) {
    throw new PatientBalanceError('invalid-plan', 'installment count must be between 1 and 120');
  }
  if (!Number.isSafeInteger(interval.every) || interval.every < 1) throw new PatientBalanceError('invalid-plan', 'interval must be a positive whole number');
  assertCalendarDate(input.firstDueDate, 'firstDueDate');
  const base = Math.floor(balanceCents / installmentCount);
  const remainder = balanceCents % installmentCount;
  const smallest = base;
  if (smallest < 1) throw new PatientBalanceError('installment-below-minimum', 'too many installments for the balance');
  if (input.minimumInstallmentCents !== undefined && smallest < input.minimumInstallmentCents && installmentCount > 1) {
    throw new PatientBalanceError('installment-below-minimum', 'installment below the policy minimum', { minimumCents: input.minimumInstallmentCents });
  }
  const installments = Array.from({ length: installmentCount }, (_, i) => ({
    number: i + 1,
    dueDate: interval.unit === 'month' ? addMonths(input.firstDueDate, i * interval.every) : addDays(input.firstDueDate, i * interval.every),
    amountCents: base + (i < remainder ? 1 : 0),
  }));
  return { totalCents: balanceCents, installments };
}

export interface PaymentPlanStatus {
  readonly dueToDateCents: number;
  readonly paidCents: number;
  readonly pastDueCents: number;
  readonly remainingCents: number;
  readonly nextInstallment: Installment | null;
  readonly complete: boolean;
}

/** Where a plan stands on a date, given what the patient has paid toward it (applied oldest first). */
export function paymentPlanStatus(plan: PaymentPlan, paidCents: number, asOf: CalendarDate): PaymentPlanStatus {
  if (!Number.isSafeInteger(paidCents) || paidCents < 0) throw new PatientBalanceError('invalid-amount', 'paid amount must be whole cents');
  assertCalendarDate(asOf, 'asOf');
  const dueToDateCents = plan.installments.filter((i) => compareDates(i.dueDate, asOf) <= 0).reduce((t, i) => t + i.amountCents, 0);
  let covered = paidCents;
  let nextInstallment: Installment | null = null;
  for (const installment of plan.installments) {
    if (covered >= installment.amountCents) {
      covered -= installment.amountCents;
      continue;
    }
    nextInstallment = { ...installment, amountCents: installment.amountCents - covered };
    break;
  }
  const remainingCents = Math.max(0, plan.totalCents - paidCents);
  return {
    dueToDateCents,
    paidCents,
    pastDueCents: Math.max(0, dueToDateCents - paidCents),
    remainingCents,
    nextInstallment,
    complete: remainingCents === 0,
  };
}
