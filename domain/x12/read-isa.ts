import { X12ParseError } from './errors';
import type { Delimiters } from './tokenize';

const ALNUM = /[A-Za-z0-9]/;

export function isSkippable(ch: string): boolean {
  return ch === '\r' || ch === '\n' || ch === ' ' || ch === '\t' || ch === '\uFEFF' || ch === '\0';
}

/**
 * Read the delimiters from the ISA segment that starts at `offset`. Works for fixed-width ISA
 * (106 characters) and for ISA whose padding was trimmed: counts 16 element separators, then
 * ISA16 is the component separator and the next character the segment terminator.
 */
export function readIsaDelimiters(text: string, offset: number, position: number): Delimiters {
  const at = { segmentPosition: position, segmentId: 'ISA' };
  const element = text.charAt(offset + 3);
  if (!element || ALNUM.test(element) || isSkippable(element)) {
    throw new X12ParseError('INVALID_ISA', 'ISA element separator is missing or alphanumeric', at);
  }
  let count = 0;
  let i = offset + 4;
  const limit = Math.min(text.length, offset + 400);
  const starts: number[] = [];
  for (; i < limit; i++) {
    if (text.charAt(i) === element) {
      count++;
      starts.push(i + 1);
      if (count === 15) break;
    }
  }
  if (count !== 15) throw new X12ParseError('INVALID_ISA', 'ISA does not have 16 elements', at);
  const component = text.charAt(i + 1);
  const segment = text.charAt(i + 2);
  const isa11Start = starts[9] ?? 0;
  const isa11 = text.slice(isa11Start, (starts[10] ?? isa11Start + 1) - 1);
  const isa12 = text.slice(starts[10] ?? 0, (starts[11] ?? 0) - 1);
  if (!component || !segment || ALNUM.test(component) || ALNUM.test(segment) || component === element || segment === element || segment === component) {
    throw new X12ParseError('INVALID_ISA', 'ISA delimiters are missing, alphanumeric or not distinct', at);
  }
  const repetition = isa11.length === 1 && !ALNUM.test(isa11) && isa11 !== ' ' && isa12 >= '00402' && ![element, component, segment].includes(isa11) ? isa11 : '';
  return { element, component, repetition, segment };
}
