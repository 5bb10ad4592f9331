import { X12ParseError } from './errors';
import { decimalToNumber } from './money';
import { readIsaDelimiters } from './read-isa';
import type { Delimiters, Segment } from './tokenize';

/** What the transaction readers need of the segment in hand: its id, position and elements. */
export interface SegmentView {
  readonly id: string;
  /** 1-based index of the segment in the input. */
  readonly position: number;
  /** Element n ('' when absent); element 0 is the id. */
  el(n: number): string;
  readonly delimiters: Delimiters;
  /** Element n as cents, exactly amountToCents(el(n)) (undefined when it is not an amount). */
  cents(n: number): number | undefined;
  /** Whether element n is empty or absent. */
  isEmpty(n: number): boolean;
  /** Element n as a code: el(n), shared with earlier equal short values. */
  code(n: number): string;
  /** Element n as a number, exactly decimalToNumber(el(n)); undefined when empty or not a number. */
  quantity(n: number): number | undefined;
  /** Element n (CCYYMMDD) as an ISO date, exactly x12DateToIso(el(n)); undefined when not a date. */
  isoDate(n: number): string | undefined;
  /** Split element n into components; returns how many (0 when the element is empty). */
  splitComponents(n: number): number;
  /** Component k (0-based) of the element last split, as a code ('' when absent). */
  component(k: number): string;
}

/** The answer of SegmentScanner.next(). */
export const enum ScanResult {
  /** A segment is in hand (read it before the next call to next() or push()). */
  Segment = 1,
  /** The buffered text ends inside a segment: push more input, or end(). */
  NeedMore = 0,
  /** The input is exhausted. */
  Done = -1,
}

const CR = 13;
const LF = 10;
/** ISA lookahead: readIsaDelimiters looks up to 400 characters ahead, then two more. */
const ISA_LOOKAHEAD = 402;

function isSkippableCode(c: number): boolean {
  return c === CR || c === LF || c === 32 || c === 9 || c === 0xfeff || c === 0;
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isUpperCode(c: number): boolean {
  return c >= 65 && c <= 90;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** At most this many distinct short values (and dates) are shared per scanner: memory stays bounded. */
const SHARED_LIMIT = 4096;

/**
 * A string as it is kept in the engine: property names are internalized, so equal segment ids
 * compare by identity in the readers' switch statements.
 */
function internalized(value: string): string {
  return Object.keys({ [value]: true })[0] ?? value;
}

/** Delimiters for input that starts at GS or ST (no ISA), or undefined when more text is needed. */
function bareDelimiters(text: string, offset: number, ended: boolean): Delimiters | undefined {
  const element = text.charAt(offset + 2);
  if (element === '' && !ended) return undefined;
  if (!element || isAlnumCode(element.charCodeAt(0)) || isSkippableCode(element.charCodeAt(0))) {
    throw new X12ParseError('MISSING_HEADER', 'input does not start with ISA, GS or ST', { segmentPosition: 1, segmentId: '' });
  }
  const tilde = text.indexOf('~', offset);
  const newline = text.indexOf('\n', offset);
  if (!ended && tilde < 0 && newline < 0) return undefined;
  const segment = tilde >= 0 && (newline < 0 || tilde < newline) && element !== '~' ? '~' : '\n';
  const component = element === ':' ? '>' : ':';
  const repetition = element === '^' ? '' : '^';
  return { element, component, repetition, segment };
}

/**
 * The one segment scanner behind `tokenize`, the envelope reader and the 835 readers. It scans
 * text with indexOf/charCodeAt, keeps the element boundaries of the current segment in a reused
 * array and slices an element only when asked for it. Text can be pushed in pieces: a segment is
 * handed out only once its terminator (or the end of the input) has been seen, so the segments
 * are the same however the text was split. Throws only X12ParseError.
 */
export class SegmentScanner implements SegmentView {
  id = '';
  position = 0;
  delimiters: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };
  private text = '';
  private pos = 0;
  private ended = false;
  private detected = false;
  /** Where to resume the search for the terminator of a segment not yet complete. */
  private searchFrom = 0;
  private elementCode = 42;
  private componentCode = 58;
  private segmentCode = 126;
  /** bounds[k] = start of element k; bounds[count] = end of the segment + 1. */
  private bounds = new Int32Array(64);
  private count = 0;
  /** Segment ids of 2-3 characters, sliced once. */
  private readonly ids = new Map<number, string>();
  /** Short code values by their characters (see shared()), and ISO dates by CCYYMMDD. */
  private readonly codes = new Map<number, string>();
  private readonly dates = new Map<number, string>();
  /** componentBounds[k] = start of component k of the element last split; [count] = its end + 1. */
  private componentBounds = new Int32Array(8);
  private componentCount = 0;

  constructor(private readonly maxSegments: number) {}

  /** Append text (the previous segment's elements must have been read). */
  push(chunk: string): void {
    if (chunk === '') return;
    if (this.pos >= this.text.length) {
      this.searchFrom = Math.max(0, this.searchFrom - this.text.length);
      this.text = chunk;
    } else {
      this.searchFrom = Math.max(0, this.searchFrom - this.pos);
      // join copies both into one flat string: `+` would make a rope, slower to read by character.
      this.text = [this.text.slice(this.pos), chunk].join('');
    }
    this.pos = 0;
    this.count = 0;
    this.componentCount = 0;
  }

  /** No more text will come. */
  end(): void {
    this.ended = true;
  }

  /** Characters buffered but not yet handed out as segments. */
  get buffered(): number {
    return this.text.length - this.pos;
  }

  el(n: number): string {
    if (n >= this.count || n < 0) return '';
    const b = this.bounds;
    return this.text.slice(b[n]!, b[n + 1]! - 1);
  }

  /**
   * Element n as integer cents, read in place: exactly amountToCents(el(n)) (undefined when the
   * element is not an amount), without slicing it or running a regular expression.
   */
  cents(n: number): number | undefined {
    if (n >= this.count || n < 0) return undefined;
    const text = this.text;
    let j = this.bounds[n]!;
    const end = this.bounds[n + 1]! - 1;
    let negative = false;
    if (j < end && text.charCodeAt(j) === 45) {
      negative = true;
      j++;
    }
    let whole = 0;
    let wholeDigits = 0;
    let c = 0;
    while (j < end && (c = text.charCodeAt(j)) >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      wholeDigits++;
      j++;
    }
    let fraction = 0;
    let fractionDigits = 0;
    let exact = true;
    if (j < end && text.charCodeAt(j) === 46) {
      j++;
      while (j < end && (c = text.charCodeAt(j)) >= 48 && c <= 57) {
        if (fractionDigits < 2) fraction = fraction * 10 + (c - 48);
        else if (c !== 48) exact = false;
        fractionDigits++;
        j++;
      }
    }
    if (j !== end || !exact || wholeDigits > 13 || (wholeDigits === 0 && fractionDigits === 0)) return undefined;
    if (fractionDigits === 1) fraction *= 10;
    const cents = whole * 100 + fraction;
    return negative && cents !== 0 ? -cents : cents;
  }

  /** Whether element n is empty or absent, without slicing it. */
  isEmpty(n: number): boolean {
    return n >= this.count || n < 0 || this.bounds[n + 1]! - 1 === this.bounds[n]!;
  }

  code(n: number): string {
    if (n >= this.count || n < 0) return '';
    return this.shared(this.bounds[n]!, this.bounds[n + 1]! - 1);
  }

  quantity(n: number): number | undefined {
    if (n >= this.count || n < 0) return undefined;
    const text = this.text;
    const start = this.bounds[n]!;
    const end = this.bounds[n + 1]! - 1;
    if (end === start) return undefined;
    // Plain digits (units, counts): the value without a regular expression.
    if (end - start <= 9) {
      let v = 0;
      let j = start;
      for (; j < end; j++) {
        const c = text.charCodeAt(j);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      if (j === end) return v;
    }
    return decimalToNumber(text.slice(start, end));
  }

  isoDate(n: number): string | undefined {
    if (n >= this.count || n < 0) return undefined;
    const text = this.text;
    const start = this.bounds[n]!;
    if (this.bounds[n + 1]! - 1 - start !== 8) return undefined;
    let key = 0;
    for (let j = start; j < start + 8; j++) {
      const c = text.charCodeAt(j);
      if (c < 48 || c > 57) return undefined;
      key = key * 10 + (c - 48);
    }
    let iso = this.dates.get(key);
    if (iso !== undefined) return iso;
    const year = Math.floor(key / 10000);
    const month = Math.floor(key / 100) % 100;
    const day = key % 100;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    iso = `${text.slice(start, start + 4)}-${text.slice(start + 4, start + 6)}-${text.slice(start + 6, start + 8)}`;
    if (this.dates.size < SHARED_LIMIT) this.dates.set(key, iso);
    return iso;
  }

  splitComponents(n: number): number {
    if (n >= this.count || n < 0 || this.bounds[n + 1]! - 1 === this.bounds[n]!) {
      this.componentCount = 0;
      return 0;
    }
    const text = this.text;
    const sep = this.componentCode;
    const end = this.bounds[n + 1]! - 1;
    let b = this.componentBounds;
    b[0] = this.bounds[n]!;
    let k = 1;
    for (let j = b[0]!; j < end; j++) {
      if (text.charCodeAt(j) === sep) {
        if (k + 1 >= b.length) {
          const grown = new Int32Array(b.length * 2);
          grown.set(b);
          this.componentBounds = b = grown;
        }
        b[k++] = j + 1;
      }
    }
    b[k] = end + 1;
    this.componentCount = k;
    return k;
  }

  component(k: number): string {
    if (k >= this.componentCount || k < 0) return '';
    return this.shared(this.componentBounds[k]!, this.componentBounds[k + 1]! - 1);
  }

  /**
   * text[start, end), shared with earlier equal values when it is 1-5 characters of 0-9, A-Z and
   * :;<=>?@ (codes: CARC/RARC, qualifiers, procedure codes and modifiers): the key packs the
   * characters 6 bits each, every one non-zero, so equal keys mean equal text.
   */
  private shared(start: number, end: number): string {
    const text = this.text;
    const len = end - start;
    if (len < 1 || len > 5) return text.slice(start, end);
    let key = 0;
    for (let j = start; j < end; j++) {
      const c = text.charCodeAt(j) - 47;
      if (c < 1 || c > 43) return text.slice(start, end);
      key = key * 64 + c;
    }
    let value = this.codes.get(key);
    if (value === undefined) {
      value = text.slice(start, end);
      if (this.codes.size < SHARED_LIMIT) this.codes.set(key, value);
    }
    return value;
  }

  /** The current segment as a standalone object (what `tokenize` yields). */
  toSegment(): Segment {
    const elements: string[] = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) elements[k] = this.el(k);
    return { id: this.id, elements, position: this.position, delimiters: this.delimiters };
  }

  next(): ScanResult {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    if (!this.detected) {
      while (i < n && isSkippableCode(text.charCodeAt(i))) i++;
      this.pos = i;
      if (i >= n) {
        if (!this.ended) return ScanResult.NeedMore;
        throw new X12ParseError('EMPTY_INPUT', 'input holds no segments');
      }
      if (!this.ended && n - i < ISA_LOOKAHEAD) return ScanResult.NeedMore;
      let d: Delimiters | undefined;
      if (text.startsWith('ISA', i)) d = readIsaDelimiters(text, i, 1);
      else if (text.startsWith('GS', i) || text.startsWith('ST', i)) d = bareDelimiters(text, i, this.ended);
      else throw new X12ParseError('MISSING_HEADER', 'input does not start with ISA, GS or ST', { segmentPosition: 1, segmentId: '' });
      if (!d) return ScanResult.NeedMore;
      this.setDelimiters(d);
      this.detected = true;
    }
    for (;;) {
      const seg = this.segmentCode;
      let c = 0;
      while (i < n && (c = text.charCodeAt(i)) !== seg && isSkippableCode(c)) i++;
      if (i >= n) {
        this.pos = i;
        this.count = 0;
        if (!this.ended) return ScanResult.NeedMore;
        if (this.position === 0) throw new X12ParseError('EMPTY_INPUT', 'input holds no segments');
        return ScanResult.Done;
      }
      if (c === seg) {
        i++;
        continue;
      }
      this.pos = i;
      // A later ISA may change the delimiters: it needs lookahead before anything is decided.
      const isaCandidate = c === 73 && this.position > 0;
      if (isaCandidate && !this.ended && n - i < ISA_LOOKAHEAD) return ScanResult.NeedMore;
      const position = this.position + 1;
      if (position > this.maxSegments) {
        throw new X12ParseError('TOO_MANY_SEGMENTS', `input exceeds ${this.maxSegments} segments`, { segmentPosition: position, segmentId: '' });
      }
      let delimiters = this.delimiters;
      let segCode = seg;
      if (isaCandidate && text.startsWith('ISA', i) && i + 3 < n && !isAlnumCode(text.charCodeAt(i + 3))) {
        delimiters = readIsaDelimiters(text, i, position);
        segCode = delimiters.segment.charCodeAt(0);
      }
      let end = text.indexOf(delimiters.segment, Math.max(i, this.searchFrom));
      if (end < 0) {
        if (!this.ended) {
          this.searchFrom = n;
          return ScanResult.NeedMore;
        }
        end = n;
      }
      this.searchFrom = 0;
      if (delimiters !== this.delimiters) this.setDelimiters(delimiters);
      this.position = position;
      this.pos = end + 1;
      let e = end;
      if (segCode !== LF && segCode !== CR) {
        while (e > i && ((c = text.charCodeAt(e - 1)) === CR || c === LF)) e--;
      } else if (e > i && text.charCodeAt(e - 1) === CR) e--;
      this.split(text, i, e);
      return ScanResult.Segment;
    }
  }

  private setDelimiters(d: Delimiters): void {
    this.delimiters = d;
    this.elementCode = d.element.charCodeAt(0);
    this.componentCode = d.component.charCodeAt(0);
    this.segmentCode = d.segment.charCodeAt(0);
  }

  private split(text: string, start: number, end: number): void {
    const sep = this.elementCode;
    let b = this.bounds;
    b[0] = start;
    let k = 1;
    for (let j = start; j < end; j++) {
      if (text.charCodeAt(j) === sep) {
        if (k + 1 >= b.length) {
          const grown = new Int32Array(b.length * 2);
          grown.set(b);
          this.bounds = b = grown;
        }
        b[k++] = j + 1;
      }
    }
    b[k] = end + 1;
    this.count = k;
    this.componentCount = 0;
    // Segment id: [A-Z][A-Z0-9]{1,7}
    const idEnd = b[1]! - 1;
    const len = idEnd - start;
    let ok = len >= 2 && len <= 8 && isUpperCode(text.charCodeAt(start));
    for (let j = start + 1; ok && j < idEnd; j++) {
      const c = text.charCodeAt(j);
      ok = isUpperCode(c) || (c >= 48 && c <= 57);
    }
    if (!ok) {
      throw new X12ParseError('INVALID_SEGMENT_ID', `segment ${this.position} has an invalid segment identifier`, { segmentPosition: this.position, segmentId: '' });
    }
    if (len <= 3) {
      const key = text.charCodeAt(start) * 65536 + text.charCodeAt(start + 1) * 256 + (len === 3 ? text.charCodeAt(start + 2) : 0);
      let id = this.ids.get(key);
      if (id === undefined) {
        id = internalized(text.slice(start, idEnd));
        this.ids.set(key, id);
      }
      this.id = id;
    } else this.id = text.slice(start, idEnd);
  }
}
