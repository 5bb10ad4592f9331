import { X12ParseError } from './errors';

const AMOUNT = /^(-)?(\d*)(?:\.(\d*))?$/;

/**
 * X12 decimal amount ("123.4", "-1.27", ".5", "8.00") to integer cents, exactly (string arithmetic,
 * no float). Returns undefined when the text is not an amount or has a non-zero third decimal.
 */
export function amountToCents(text: string): number | undefined {
  const m = AMOUNT.exec(text);
  if (!m) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole.length === 0 && fraction.length === 0) return undefined;
  if (whole.length > 13) return undefined;
  if (/[^0]/.test(fraction.slice(2))) return undefined;
  const cents = Number(whole || '0') * 100 + Number((fraction + '00').slice(0, 2));
  return m[1] && cents !== 0 ? -cents : cents;
}

/**
 * Integer cents to the canonical X12 decimal: no trailing zeros in the fraction and no decimal
 * point for whole amounts (12340 -> "123.4", 12300 -> "123", 5 -> "0.05", -127 -> "-1.27").
 */
export function centsToAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('amount must be an integer number of cents');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  if (fraction === 0) return `${sign}${whole}`;
  const f = fraction % 10 === 0 ? String(fraction / 10) : String(fraction).padStart(2, '0');
  return `${sign}${whole}.${f}`;
}

/** Parse a decimal quantity (units, percents) exactly enough for X12 R elements. */
export function decimalToNumber(text: string): number | undefined {
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text) || text.length > 18) return undefined;
  return Number(text);
}

/** Canonical decimal text of a quantity (no exponent, no trailing zeros). */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('quantity must be finite');
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(6).replace(/\.?0+$/, '');
}

export function requireAmount(text: string, at: { segmentPosition: number; segmentId: string }, element: string): number {
  const cents = amountToCents(text);
  if (cents === undefined) {
    throw new X12ParseError('INVALID_AMOUNT', `${element} is not a valid monetary amount`, at);
  }
  return cents;
}
