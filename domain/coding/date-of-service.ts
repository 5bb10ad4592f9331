import type { IsoDate } from '../refdata/iso-date';

/**
 * The date of service of an exam: the calendar date of the instant it was performed, where it was performed. An
 * exam at 19:30 in Chicago (01:30 UTC the next day) is on the Chicago date. Without a time zone, the date of the
 * instant as written (UTC for a `Z` instant), as exams were dated before facilities had one.
 */
export function dateOfService(performedAt: string, timeZone?: string): IsoDate {
  if (!timeZone) return performedAt.slice(0, 10);
  const at = new Date(performedAt);
  if (Number.isNaN(at.getTime())) return performedAt.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
