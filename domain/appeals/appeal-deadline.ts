import { addDays, assertCalendarDate, daysBetween, type CalendarDate } from '../ledger';
import { AppealError } from './appeal-errors';
import { findAppealLevel, type AppealLevel, type AppealPolicy } from './appeal-policy';

/**
 * Last day to file an appeal at `levelId`, from the date of the decision that precedes it (the
 * initial determination for the first level): decision date + presumed receipt days + filing days.
 */
export function appealDeadline(levelId: string, decisionDate: CalendarDate, policy: AppealPolicy): CalendarDate {
  assertCalendarDate(decisionDate, 'decisionDate');
  const level = findAppealLevel(policy, levelId);
  return addDays(decisionDate, policy.presumedReceiptDays + level.filingDays);
}

/** Days left until a deadline (0 on the day itself, negative once missed). */
export function daysUntilDeadline(deadline: CalendarDate, asOf: CalendarDate): number {
  return daysBetween(asOf, deadline);
}

export type NextAppealLevel =
  | { readonly kind: 'level'; readonly level: AppealLevel }
  | { readonly kind: 'below-threshold'; readonly level: AppealLevel; readonly thresholdCents: number; readonly amountInControversyCents: number }
  | { readonly kind: 'exhausted' };

/**
 * The level to file next after `lastCompletedLevelId` (null: only the initial determination so
 * far). A level with an amount-in-controversy threshold is not available below it.
 */
export function nextAppealLevel(input: {
  readonly policy: AppealPolicy;
  readonly lastCompletedLevelId: string | null;
  readonly amountInControversyCents: number;
}): NextAppealLevel {
  const { policy, lastCompletedLevelId, amountInControversyCents } = input;
  if (!Number.isSafeInteger(amountInControversyCents) || amountInControversyCents < 0) {
    throw new AppealError('invalid-amount', 'amount in controversy must be whole cents');
  }
  let index = 0;
  if (lastCompletedLevelId !== null) {
    index = policy.levels.findIndex((l) => l.id === lastCompletedLevelId) + 1;
    if (index === 0) throw new AppealError('unknown-level', `appeal level ${lastCompletedLevelId.slice(0, 40)} is not in the policy`);
  }
  const level = policy.levels[index];
  if (!level) return { kind: 'exhausted' };
  const threshold = level.minimumAmountInControversyCents;
  if (threshold !== undefined && amountInControversyCents < threshold) {
    return { kind: 'below-threshold', level, thresholdCents: threshold, amountInControversyCents };
  }
  return { kind: 'level', level };
}
