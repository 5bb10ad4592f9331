import type { EligibilityTrace } from './model-270';
import type { EligibilityDate271, EligibilityRejection271 } from './model-271';
import type { LenientReader } from './read-elements';
import { x12RangeToIso } from './dates';
import { el, type Segment } from './tokenize';

/** Readers for segments the 270/271 (and 276/277, 278) share. */

export function readTrace(s: Segment): EligibilityTrace {
  const t: EligibilityTrace = { number: el(s, 2), originatorId: el(s, 3) };
  if (el(s, 4)) t.supplementalId = el(s, 4);
  return t;
}

/** DTP qualifier / D8 or RD8 / value; undefined (with a warning from the reader) when the date is unreadable. */
export function readDtp(s: Segment, read: LenientReader): EligibilityDate271 | undefined {
  const value = el(s, 3);
  if (el(s, 2) === 'RD8' || value.includes('-')) {
    const r = x12RangeToIso(value);
    if (r) return { qualifier: el(s, 1), from: r.from, to: r.to };
  }
  const from = read.optDate(s, 3);
  return from ? { qualifier: el(s, 1), from } : undefined;
}

export function readRejection(s: Segment): EligibilityRejection271 {
  const r: EligibilityRejection271 = { validRequest: el(s, 1) !== 'N', reasonCode: el(s, 3) };
  if (el(s, 4)) r.followUpAction = el(s, 4);
  return r;
}
