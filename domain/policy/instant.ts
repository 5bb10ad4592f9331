/**
 * Arithmetic on ISO-8601 instants and dates, without reading the clock.
 * A bare date ('2026-11-25') is read as midnight UTC of that day.
 */
import { durationToMs, type PolicyDuration } from './duration';

export class InvalidInstantError extends Error {
  readonly code = 'invalid-instant';
  constructor() {
    super('invalid ISO-8601 date or date-time');
    this.name = 'InvalidInstantError';
  }
}

const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function toEpochMs(iso: string): number {
  if (!ISO_PATTERN.test(iso)) throw new InvalidInstantError();
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new InvalidInstantError();
  return ms;
}

export function fromEpochMs(ms: number): string {
  return new Date(ms).toISOString();
}

export function addDuration(iso: string, d: PolicyDuration): string {
  return fromEpochMs(toEpochMs(iso) + durationToMs(d));
}

export function subtractDuration(iso: string, d: PolicyDuration): string {
  return fromEpochMs(toEpochMs(iso) - durationToMs(d));
}

/** Negative when a is before b. */
export function compareInstants(a: string, b: string): number {
  return toEpochMs(a) - toEpochMs(b);
}

export function earliest(first: string, ...rest: string[]): string {
  return rest.reduce((min, iso) => (compareInstants(iso, min) < 0 ? iso : min), first);
}

/** The calendar date (UTC) of an instant: '2026-11-25T14:00:00Z' -> '2026-11-25'. */
export function calendarDate(iso: string): string {
  return fromEpochMs(toEpochMs(iso)).slice(0, 10);
}

/** Whole days from a to b (floor), by UTC calendar date. */
export function daysBetween(a: string, b: string): number {
  const ms = toEpochMs(calendarDate(b)) - toEpochMs(calendarDate(a));
  return Math.floor(ms / 86_400_000);
}
