/**
 * Durations in the engine.
 *
 * Policies store whole numbers with the unit in the field name (`timelyFilingDays`,
 * `urgentResponseHours`). Everything that schedules work receives a `PolicyDuration`: a string that
 * Temporal's timers accept as-is ('72 hours', '7 days'). `hours()` and `days()` are the only way to
 * build one, and `durationToMs()` / `addDuration()` the only way to compute with one.
 */

export type PolicyDuration = `${number} hours` | `${number} days`;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

export class InvalidDurationError extends Error {
  readonly code = 'invalid-duration';
  constructor(detail: string) {
    super(`invalid duration: ${detail}`);
    this.name = 'InvalidDurationError';
  }
}

function assertWhole(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InvalidDurationError(`expected a whole non-negative number, got ${n}`);
}

export function hours(n: number): PolicyDuration {
  assertWhole(n);
  return `${n} hours`;
}

export function days(n: number): PolicyDuration {
  assertWhole(n);
  return `${n} days`;
}

export function durationToMs(d: PolicyDuration): number {
  const match = /^(\d+) (hours|days)$/.exec(d);
  if (!match || match[1] === undefined) throw new InvalidDurationError(String(d));
  const n = Number(match[1]);
  return match[2] === 'hours' ? n * MS_PER_HOUR : n * MS_PER_DAY;
}

export function durationToHours(d: PolicyDuration): number {
  return durationToMs(d) / MS_PER_HOUR;
}
