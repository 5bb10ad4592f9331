import { addDays, daysBetween, isCalendarDate, type CalendarDate } from '../ledger/calendar-date';

/** The longest period a report covers (two years and a day, so that any two full years fit). */
export const MAX_PERIOD_DAYS = 731;

/** An inclusive range of calendar dates. */
export interface ReportPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

export type PeriodProblem = 'invalid-from' | 'invalid-to' | 'from-after-to' | 'period-too-long';

/** Why a period cannot be reported on, or null when it can. */
export function periodProblem(period: { from: unknown; to: unknown }): PeriodProblem | null {
  if (!isCalendarDate(period.from)) return 'invalid-from';
  if (!isCalendarDate(period.to)) return 'invalid-to';
  const span = daysBetween(period.from, period.to);
  if (span < 0) return 'from-after-to';
  if (span + 1 > MAX_PERIOD_DAYS) return 'period-too-long';
  return null;
}

/** Days in an inclusive period (a one-day period has 1 day). */
export function periodDays(period: ReportPeriod): number {
  return daysBetween(period.from, period.to) + 1;
}

/**
 * The half-open UTC instant range [start, end) covering the period's calendar days, for filtering
 * timestamps (receipt of an 835, first submission) with an index range.
 */
export function periodInstants(period: ReportPeriod): { start: string; end: string } {
  return { start: `${period.from}T00:00:00Z`, end: `${addDays(period.to, 1)}T00:00:00Z` };
}

/** The period of `days` days ending on `to`. */
export function periodEndingOn(to: CalendarDate, days: number): ReportPeriod {
  return { from: addDays(to, -(days - 1)), to };
}
