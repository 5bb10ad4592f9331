import { X12ParseError } from './errors';

/** The four delimiters of an interchange (from ISA, or defaults for a bare transaction set). */
export interface Delimiters {
  element: string;
  component: string;
  /** Empty when the interchange declares none (versions before 00402). */
  repetition: string;
  segment: string;
}

export const DEFAULT_DELIMITERS: Readonly<Delimiters> = Object.freeze({ element: '*', component: ':', repetition: '^', segment: '~' });

/** One segment as read: `elements[0]` is the segment id, `elements[n]` is element n. */
export interface Segment {
  id: string;
  elements: string[];
  /** 1-based index of the segment in the input. */
  position: number;
  delimiters: Delimiters;
}

export interface TokenizeOptions {
  /** Refuse inputs larger than this many bytes (Uint8Array) or characters (string). Default 64 MiB. */
  maxBytes?: number;
  /** Refuse inputs with more segments than this. Default 2,000,000. */
  maxSegments?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_SEGMENTS = 2_000_000;
/** Standard ids are 2-3 characters; longer alphanumeric ids are passed on for the readers to skip. */
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,7}$/;
const ALNUM = /[A-Za-z0-9]/;

/** Decode bytes (UTF-8, lenient) or pass a string through, enforcing the size limit. */
export function decodeInput(input: string | Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): string {
  if (typeof input === 'string') {
    if (input.length > maxBytes) throw new X12ParseError('INPUT_TOO_LARGE', `input exceeds the size limit of ${maxBytes} bytes`);
    return input;
  }
  if (!(input instanceof Uint8Array)) throw new X12ParseError('EMPTY_INPUT', 'input must be a string or bytes');
  if (input.byteLength > maxBytes) throw new X12ParseError('INPUT_TOO_LARGE', `input exceeds the size limit of ${maxBytes} bytes`);
  return new TextDecoder('utf-8').decode(input);
}

function isSkippable(ch: string): boolean {
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

/** Delimiters for input that starts at GS or ST (no ISA): element from the third character. */
function bareDelimiters(text: string, offset: number): Delimiters {
  const element = text.charAt(offset + 2);
  if (!element || ALNUM.test(element) || isSkippable(element)) {
    throw new X12ParseError('MISSING_HEADER', 'input does not start with ISA, GS or ST', { segmentPosition: 1, segmentId: '' });
  }
  const tilde = text.indexOf('~', offset);
  const newline = text.indexOf('\n', offset);
  const segment = tilde >= 0 && (newline < 0 || tilde < newline) && element !== '~' ? '~' : '\n';
  const component = element === ':' ? '>' : ':';
  const repetition = element === '^' ? '' : '^';
  return { element, component, repetition, segment };
}

/**
 * Stream the segments of an X12 input. Detects the delimiters from each ISA (a file may hold
 * several interchanges), accepts a bare GS/ST start with default delimiters, skips CR/LF between
 * segments, and throws only X12ParseError.
 */
export function* tokenize(input: string | Uint8Array, options: TokenizeOptions = {}): Generator<Segment, void, undefined> {
  const maxSegments = options.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  const text = decodeInput(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  let i = 0;
  const n = text.length;
  while (i < n && isSkippable(text.charAt(i))) i++;
  if (i >= n) throw new X12ParseError('EMPTY_INPUT', 'input holds no segments');
  let delimiters: Delimiters;
  if (text.startsWith('ISA', i)) delimiters = readIsaDelimiters(text, i, 1);
  else if (text.startsWith('GS', i) || text.startsWith('ST', i)) delimiters = bareDelimiters(text, i);
  else throw new X12ParseError('MISSING_HEADER', 'input does not start with ISA, GS or ST', { segmentPosition: 1, segmentId: '' });

  let position = 0;
  while (i < n) {
    while (i < n && isSkippable(text.charAt(i)) && text.charAt(i) !== delimiters.segment) i++;
    if (i >= n) break;
    if (text.charAt(i) === delimiters.segment) {
      i++;
      continue;
    }
    position++;
    if (position > maxSegments) {
      throw new X12ParseError('TOO_MANY_SEGMENTS', `input exceeds ${maxSegments} segments`, { segmentPosition: position, segmentId: '' });
    }
    if (position > 1 && text.startsWith('ISA', i) && text.charAt(i + 3) !== '' && !ALNUM.test(text.charAt(i + 3))) {
      delimiters = readIsaDelimiters(text, i, position);
    }
    let end = text.indexOf(delimiters.segment, i);
    if (end < 0) end = n;
    let raw = text.slice(i, end);
    i = end + 1;
    if (delimiters.segment !== '\n' && delimiters.segment !== '\r') raw = raw.replace(/[\r\n]+$/, '');
    else raw = raw.replace(/\r$/, '');
    const elements = raw.split(delimiters.element);
    const id = elements[0] ?? '';
    if (!SEGMENT_ID.test(id)) {
      throw new X12ParseError('INVALID_SEGMENT_ID', `segment ${position} has an invalid segment identifier`, { segmentPosition: position, segmentId: '' });
    }
    yield { id, elements, position, delimiters };
  }
  if (position === 0) throw new X12ParseError('EMPTY_INPUT', 'input holds no segments');
}

/** Element n of a segment ('' when absent). */
export function el(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** Components of element n (split by the component separator). */
export function components(segment: Segment, n: number): string[] {
  const value = el(segment, n);
  if (value === '') return [];
  return value.split(segment.delimiters.component);
}

/** Component m (1-based) of element n. */
export function comp(segment: Segment, n: number, m: number): string {
  return components(segment, n)[m - 1] ?? '';
}

/** Repetitions of element n (split by the repetition separator, when the interchange has one). */
export function repetitions(segment: Segment, n: number): string[] {
  const value = el(segment, n);
  if (value === '') return [];
  return segment.delimiters.repetition ? value.split(segment.delimiters.repetition) : [value];
}
