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

/** Text of element n (1-based) of an outbound segment, composites joined with ":". */
export function outElement(s: OutSegment, n: number): string {
  const v = s.elements[n - 1];
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
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
      throw new X12BuildError('DELIMITER_IN_VALUE', `${segmentId}${String(index).padStart(2, '0')} contains a delimiter character`);
    }
  }
  if (/[\r\n]/.test(value)) {
    throw new X12BuildError('DELIMITER_IN_VALUE', `${segmentId}${String(index).padStart(2, '0')} contains a line break`);
  }
  return value;
}

/** Serialize one segment: trailing empty elements and components are dropped. */
export function writeSegment(s: OutSegment, d: Delimiters = DEFAULT_DELIMITERS): string {
  const parts = s.elements.map((v, idx) => {
    if (v === undefined) return '';
    if (typeof v === 'string') return checkValue(v, d, s.id, idx + 1);
    if (isRepeated(v)) {
      if (!d.repetition && v.repeat.length > 1) {
        throw new X12BuildError('DELIMITER_IN_VALUE', `${s.id}${String(idx + 1).padStart(2, '0')} repeats but the interchange has no repetition separator`);
      }
      return v.repeat.map((r) => checkValue(r, d, s.id, idx + 1)).join(d.repetition);
    }
    return trimTrailing((v as readonly (string | undefined)[]).map((c) => checkValue(c ?? '', d, s.id, idx + 1))).join(d.component);
  });
  return [s.id, ...trimTrailing(parts)].join(d.element);
}
