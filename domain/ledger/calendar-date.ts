/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Arithmetic is done on UTC day numbers computed
 * from the string itself, so nothing here reads the clock or depends on the local time zone.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export class InvalidDateError extends Error {
  readonly code = 'invalid-date' as const;
  constructor(readonly field: string) {
    super(`${field} must be an ISO calendar date (YYYY-MM-DD)`);
    this.name = 'InvalidDateError';
  }
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function assertCalendarDate(value: unknown, field: string): asserts value is CalendarDate {
  if (!isCalendarDate(value)) throw new InvalidDateError(field);
}

/** Accepts a calendar date or an ISO timestamp and returns the calendar date part (UTC). */
export function toCalendarDate(value: string, field = 'date'): CalendarDate {
  const text: string = value;
  if (isCalendarDate(text)) return text;
  const head = String(text).slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}T/.test(String(text)) && isCalendarDate(head)) return head;
  throw new InvalidDateError(field);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 for a calendar date. */
export function toDayNumber(date: CalendarDate): number {
  assertCalendarDate(date, 'date');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isSafeInteger(dayNumber)) throw new InvalidDateError('dayNumber');
  const at = new Date(dayNumber * MS_PER_DAY);
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + 1;
  const d = at.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  assertCalendarDate(date, 'date');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(a) - toDayNumber(b);
}
