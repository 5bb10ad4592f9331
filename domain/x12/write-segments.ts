import { X12BuildError } from './errors';
import { DEFAULT_DELIMITERS, type Delimiters } from './tokenize';

/** A repeated element (EB03 service types...): its values, joined by the repetition separator. */
export interface RepeatedValue {
  repeat: readonly string[];
}

/** An element to write: text, a composite (components), a repeated element, or absent. */
export type ElementValue = string | readonly (string | undefined)[] | RepeatedValue | undefined;

export function repeated(values: readonly string[]): RepeatedValue | undefined {
  return values.length === 0 ? undefined : { repeat: values };
}

function isRepeated(v: ElementValue): v is RepeatedValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A segment to write. `elements[0]` is element 01. `loop` names the guide loop (for findings). */
export interface OutSegment {
  id: string;
  elements: ElementValue[];
  loop: string;
}

export function seg(loop: string, id: string, ...elements: ElementValue[]): OutSegment {
  return { id, elements, loop };
}

/**
 * Free-text elements (names, addresses, contact names, group numbers and names, notes): what people
 * type. Their delimiter and control characters are replaced when written (X12 5010 has no release
 * character), and names and addresses longer than the element allows are cut to its maximum length
 * (the guides let a submitter truncate them). Every other element is a code or an identifier: a
 * delimiter or control character in it, or a value longer than its maximum, refuses the build.
 * Maximum lengths are those of the X12 data element (the same in every 5010 guide).
 */
export const TEXT_ELEMENTS: Readonly<Record<string, { max: number; truncate: boolean }>> = Object.freeze({
  NM103: { max: 60, truncate: true },
  NM104: { max: 35, truncate: true },
  NM105: { max: 25, truncate: true },
  NM107: { max: 10, truncate: true },
  N301: { max: 55, truncate: true },
  N302: { max: 55, truncate: true },
  N401: { max: 30, truncate: true },
  PER02: { max: 60, truncate: true },
  SBR03: { max: 50, truncate: false },
  SBR04: { max: 60, truncate: true },
  NTE02: { max: 80, truncate: true },
  MSG01: { max: 264, truncate: true },
});

/** Element reference of element n (1-based) of a segment: NM103, N301... */
export function elementRef(segmentId: string, n: number): string {
  return `${segmentId}${String(n).padStart(2, '0')}`;
}

// Control characters (C0, DEL, C1), and the delimiters the engine writes with plus the common alternatives (| >).
// eslint-disable-next-line no-control-regex
const NOT_WRITABLE = /[\u0000-\u001f\u007f-\u009f*:^~|>]/g;

/**
 * Free text as an element carries it: accents dropped (É -> E), delimiters, control characters and
 * anything outside printable ASCII replaced by a space, ends trimmed. The one place
 * this is decided: writers and validators both use it.
 */
export function x12Text(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(NOT_WRITABLE, ' ')
    .replace(/[^\u0020-\u007e]/g, ' ')
    .trim();
}

/** The text an element is written with: free text cleaned (and cut where allowed); codes and identifiers as given. */
export function writtenText(segmentId: string, n: number, value: string): string {
  const rule = TEXT_ELEMENTS[elementRef(segmentId, n)];
  if (!rule) return value;
  const text = x12Text(value);
  return rule.truncate && text.length > rule.max ? text.slice(0, rule.max).trimEnd() : text;
}

/** Text of element n (1-based) of an outbound segment as it will be written, composites joined with ":". */
export function outElement(s: OutSegment, n: number): string {
  const v = s.elements[n - 1];
  if (v === undefined) return '';
  if (typeof v === 'string') return writtenText(s.id, n, v);
  if (isRepeated(v)) return v.repeat.join('^');
  return trimTrailing((v as readonly (string | undefined)[]).map((c) => c ?? '')).join(':');
}

function trimTrailing(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return values.slice(0, end);
}

function checkValue(value: string, d: Delimiters, segmentId: string, index: number): string {
  for (const ch of [d.element, d.component, d.segment, d.repetition]) {
    if (ch && value.includes(ch)) {
      throw new X12BuildError('DELIMITER_IN_VALUE', `${elementRef(segmentId, index)} contains a delimiter character`);
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new X12BuildError('DELIMITER_IN_VALUE', `${elementRef(segmentId, index)} contains a line break or control character`);
  }
  return value;
}

/** Serialize one segment: free text cleaned, codes and identifiers checked; trailing empty elements and components dropped. */
export function writeSegment(s: OutSegment, d: Delimiters = DEFAULT_DELIMITERS): string {
  const parts = s.elements.map((v, idx) => {
    if (v === undefined) return '';
    if (typeof v === 'string') return checkValue(writtenText(s.id, idx + 1, v), d, s.id, idx + 1);
    if (isRepeated(v)) {
      if (!d.repetition && v.repeat.length > 1) {
        throw new X12BuildError('DELIMITER_IN_VALUE', `${elementRef(s.id, idx + 1)} repeats but the interchange has no repetition separator`);
      }
      return v.repeat.map((r) => checkValue(r, d, s.id, idx + 1)).join(d.repetition);
    }
    return trimTrailing((v as readonly (string | undefined)[]).map((c) => checkValue(c ?? '', d, s.id, idx + 1))).join(d.component);
  });
  return [s.id, ...trimTrailing(parts)].join(d.element);
}
