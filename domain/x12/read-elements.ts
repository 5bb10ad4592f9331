import { x12DateToIso, x12RangeToIso } from './dates';
import { X12ParseError } from './errors';
import { amountToCents, decimalToNumber } from './money';
import { el, type Segment } from './tokenize';
import { finding, type X12Finding } from './finding';

/** Typed element readers for the transaction parsers; failures name the element, never its value. */

function ref(s: Segment, n: number): string {
  return `${s.id}${String(n).padStart(2, '0')}`;
}

function at(s: Segment) {
  return { segmentPosition: s.position, segmentId: s.id };
}

export function opt(s: Segment, n: number): string | undefined {
  const v = el(s, n);
  return v === '' ? undefined : v;
}

export function cents(s: Segment, n: number): number {
  const v = amountToCents(el(s, n));
  if (v === undefined) throw new X12ParseError('INVALID_AMOUNT', `${ref(s, n)} is not a valid monetary amount`, at(s));
  return v;
}

export function optCents(s: Segment, n: number): number | undefined {
  return el(s, n) === '' ? undefined : cents(s, n);
}

export function quantity(s: Segment, n: number): number {
  const v = decimalToNumber(el(s, n));
  if (v === undefined) throw new X12ParseError('INVALID_NUMBER', `${ref(s, n)} is not a valid number`, at(s));
  return v;
}

export function optQuantity(s: Segment, n: number): number | undefined {
  return el(s, n) === '' ? undefined : quantity(s, n);
}

export function date(s: Segment, n: number): string {
  const v = x12DateToIso(el(s, n));
  if (v === undefined) throw new X12ParseError('INVALID_DATE', `${ref(s, n)} is not a valid CCYYMMDD date`, at(s));
  return v;
}

export function optDate(s: Segment, n: number): string | undefined {
  return el(s, n) === '' ? undefined : date(s, n);
}

/** DTP-style date: qualifier D8 or RD8 in element `formatN`, value in `valueN`. */
export function dateOrRange(s: Segment, formatN: number, valueN: number): { from: string; to?: string } {
  const format = el(s, formatN);
  const value = el(s, valueN);
  if (format === 'RD8' || value.includes('-')) {
    const r = x12RangeToIso(value);
    if (!r) throw new X12ParseError('INVALID_DATE', `${ref(s, valueN)} is not a valid date range`, at(s));
    return r.from === r.to && format !== 'RD8' ? { from: r.from } : r;
  }
  return { from: date(s, valueN) };
}

export function parseFail(s: Segment, code: 'MISSING_SEGMENT' | 'UNEXPECTED_SEGMENT', message: string): X12ParseError {
  return new X12ParseError(code, message, at(s));
}

/**
 * Readers that never throw: a value that cannot be read becomes the fallback and a warning
 * (for inbound documents that must be read even when a payer wrote an element wrongly).
 */
export class LenientReader {
  constructor(private readonly findings: X12Finding[], private readonly loop: () => string) {}

  private note(s: Segment, n: number, what: string): void {
    const element = `${s.id}${String(n).padStart(2, '0')}`;
    this.findings.push(finding('UNREADABLE_ELEMENT', 'warning', { loop: this.loop(), segment: s.id, element },
      `${element} at segment ${s.position} is not a valid ${what}; read as empty`, 'ask the sender to correct the element'));
  }

  cents(s: Segment, n: number): number {
    const v = amountToCents(el(s, n));
    if (v === undefined) {
      this.note(s, n, 'amount');
      return 0;
    }
    return v;
  }

  optCents(s: Segment, n: number): number | undefined {
    if (el(s, n) === '') return undefined;
    const v = amountToCents(el(s, n));
    if (v === undefined) this.note(s, n, 'amount');
    return v;
  }

  optQuantity(s: Segment, n: number): number | undefined {
    if (el(s, n) === '') return undefined;
    const v = decimalToNumber(el(s, n));
    if (v === undefined) this.note(s, n, 'number');
    return v;
  }

  optDate(s: Segment, n: number): string | undefined {
    if (el(s, n) === '') return undefined;
    const v = x12DateToIso(el(s, n));
    if (v === undefined) this.note(s, n, 'date');
    return v;
  }
}
