import { X12ParseError } from './errors';
import { ScanResult, SegmentScanner } from './segment-scanner';

export { readIsaDelimiters } from './read-isa';

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
export const DEFAULT_MAX_SEGMENTS = 2_000_000;

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

/**
 * Stream the segments of an X12 input. Detects the delimiters from each ISA (a file may hold
 * several interchanges), accepts a bare GS/ST start with default delimiters, skips CR/LF between
 * segments, and throws only X12ParseError.
 */
export function* tokenize(input: string | Uint8Array, options: TokenizeOptions = {}): Generator<Segment, void, undefined> {
  const scanner = new SegmentScanner(options.maxSegments ?? DEFAULT_MAX_SEGMENTS);
  scanner.push(decodeInput(input, options.maxBytes ?? DEFAULT_MAX_BYTES));
  scanner.end();
  while (scanner.next() === ScanResult.Segment) yield scanner.toSegment();
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
