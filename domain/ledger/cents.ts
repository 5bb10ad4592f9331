/**
 * Money is always an integer number of cents. These guards keep fractions, NaN and values beyond
 * the safe-integer range out of every calculation.
 */
export type Cents = number;

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isNonNegativeCents(value: unknown): value is Cents {
  return isCents(value) && value >= 0;
}

export class InvalidCentsError extends Error {
  readonly code = 'invalid-cents' as const;
  constructor(readonly field: string) {
    super(`${field} must be a whole number of cents within the safe integer range`);
    this.name = 'InvalidCentsError';
  }
}

export function assertCents(value: unknown, field: string): asserts value is Cents {
  if (!isCents(value)) throw new InvalidCentsError(field);
}

export function assertNonNegativeCents(value: unknown, field: string): asserts value is Cents {
  if (!isNonNegativeCents(value)) throw new InvalidCentsError(field);
}

/** Adds cent amounts and refuses a result outside the safe-integer range. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const value of values) {
    assertCents(value, 'amount');
    total += value;
    if (!Number.isSafeInteger(total)) throw new InvalidCentsError('sum');
  }
  return total;
}

/** Formats cents as a dollar string for documents ("$1,234.56", "-$0.05"). Integer math only. */
export function formatDollars(cents: Cents): string {
  assertCents(cents, 'amount');
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(dollars).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${String(rest).padStart(2, '0')}`;
}
