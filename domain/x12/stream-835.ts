import { check835Balance, claimBalanceFindings, paymentBalanceFindings } from './balance-835';
import { EnvelopeTracker, type SetOpening } from './envelope-tracker';
import { X12ParseError } from './errors';
import { finding, type X12Finding } from './finding';
import type { ClaimPayment835, ProviderAdjustment835, Remittance835 } from './model-835';
import type { ParseOptions, ParseResult, TransactionEnvelope } from './parse-result';
import { Remittance835Reader } from './remittance-835-reader';
import { ScanResult, SegmentScanner } from './segment-scanner';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_SEGMENTS, decodeInput } from './tokenize';

/** An 835 transaction without its claims and provider adjustments: what every claim of it shares. */
export type RemittanceHeader835 = Omit<Remittance835, 'claims' | 'providerAdjustments'>;

/** What the streaming 835 reader yields, in input order. */
export type Remittance835Event =
  /** One claim payment, complete, with the header of its transaction. */
  | { kind: 'claim'; claim: ClaimPayment835; remittance: RemittanceHeader835; envelope: TransactionEnvelope; /** 0-based within the transaction. */ index: number }
  /** A transaction ended: its provider adjustments (PLB), claim count and findings (unreadable elements, balancing). */
  | { kind: 'remittance-end'; remittance: RemittanceHeader835; envelope: TransactionEnvelope; providerAdjustments: ProviderAdjustment835[]; claimCount: number; findings: X12Finding[] }
  /** The input ended: envelope findings (SE/GE/IEA counts and control numbers) and sets of other types skipped. */
  | { kind: 'end'; findings: X12Finding[] };

function headerOf(r: Remittance835): RemittanceHeader835 {
  const h: RemittanceHeader835 = { controlNumber: r.controlNumber, payment: r.payment, trace: r.trace, payer: r.payer, payee: r.payee };
  if (r.productionDate !== undefined) h.productionDate = r.productionDate;
  return h;
}

function skippedSet(set: SetOpening): X12Finding {
  return finding('OTHER_TRANSACTION_SKIPPED', 'warning', { loop: 'ST', segment: 'ST', element: 'ST01' },
    `transaction set ${set.setId.slice(0, 3)} (${set.implementationReference.slice(0, 12)}) at segment ${set.stPosition} is not a 835`, 'send this set to the reader of its own type');
}

interface OpenSet {
  reader: Remittance835Reader;
  envelope: TransactionEnvelope;
  findings: X12Finding[];
  claims: number;
  paidCents: number;
}

/**
 * The single 835 walk: scanner -> envelope tracker -> Remittance835Reader. In model mode it keeps
 * every transaction (parse835); in stream mode it keeps only the open transaction's header and
 * its current claim, and queues events for the generator to hand out.
 */
class Remittance835Walk {
  readonly scanner: SegmentScanner;
  readonly tracker: EnvelopeTracker;
  readonly transactions: Remittance835[] = [];
  readonly envelopes: TransactionEnvelope[] = [];
  /** Model mode: unreadable-element and balancing findings, set after set. */
  readonly setFindings: X12Finding[] = [];
  readonly skipped: X12Finding[] = [];
  readonly events: Remittance835Event[] = [];
  sets835 = 0;
  private open: OpenSet | undefined;
  readonly maxBytes: number;
  private size = 0;
  private decoder: InstanceType<typeof TextDecoder> | undefined;

  constructor(options: ParseOptions, private readonly stream: boolean) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.scanner = new SegmentScanner(options.maxSegments ?? DEFAULT_MAX_SEGMENTS);
    this.tracker = new EnvelopeTracker({
      openInterchange: () => undefined,
      openGroup: () => undefined,
      openSet: (set) => this.openSet(set),
      body: (s) => this.open?.reader.segment(s),
      closeSet: () => this.closeSet(),
      other: () => undefined,
    });
  }

  /** Take one piece of input (text, or UTF-8 bytes split anywhere), enforcing the size limit. */
  push(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') {
      this.grow(chunk.length);
      if (this.decoder) this.scanner.push(this.decoder.decode());
      this.decoder = undefined;
      this.scanner.push(chunk);
      return;
    }
    if (!(chunk instanceof Uint8Array)) throw new X12ParseError('EMPTY_INPUT', 'input must be a string or bytes');
    this.grow(chunk.byteLength);
    this.decoder ??= new TextDecoder('utf-8');
    this.scanner.push(this.decoder.decode(chunk, { stream: true }));
  }

  /** No more input. */
  end(): void {
    if (this.decoder) this.scanner.push(this.decoder.decode());
    this.decoder = undefined;
    this.scanner.end();
  }

  /** Read the segments buffered so far. */
  run(): void {
    const scanner = this.scanner;
    const tracker = this.tracker;
    while (scanner.next() === ScanResult.Segment) tracker.segment(scanner);
  }

  /** After end() and run(): close what is open; no 835 at all is an X12ParseError. */
  finish(): void {
    this.tracker.finish();
    if (this.sets835 === 0) {
      throw new X12ParseError('WRONG_TRANSACTION_TYPE', 'input holds no 835 transaction set', { segmentPosition: 0, segmentId: 'ST' });
    }
    if (this.stream) this.events.push({ kind: 'end', findings: [...this.tracker.findings, ...this.skipped] });
  }

  private grow(size: number): void {
    this.size += size;
    if (this.size > this.maxBytes) throw new X12ParseError('INPUT_TOO_LARGE', `input exceeds the size limit of ${this.maxBytes} bytes`);
  }

  private openSet(set: SetOpening): void {
    if (set.setId !== '835') {
      this.skipped.push(skippedSet(set));
      return;
    }
    this.sets835++;
    const envelope: TransactionEnvelope = {
      interchange: set.interchange,
      group: set.group,
      controlNumber: set.controlNumber,
      implementationReference: set.implementationReference,
      stPosition: set.stPosition,
    };
    if (!this.stream) {
      this.open = { reader: new Remittance835Reader(set.controlNumber, this.setFindings, true), envelope, findings: this.setFindings, claims: 0, paidCents: 0 };
      return;
    }
    const findings: X12Finding[] = [];
    const open: OpenSet = { reader: undefined as unknown as Remittance835Reader, envelope, findings, claims: 0, paidCents: 0 };
    open.reader = new Remittance835Reader(set.controlNumber, findings, false, (claim) => {
      claimBalanceFindings(claim, open.claims, findings);
      this.events.push({ kind: 'claim', claim, remittance: headerOf(open.reader.remittance), envelope, index: open.claims });
      open.claims++;
      open.paidCents += claim.paidCents;
    });
    this.open = open;
  }

  private closeSet(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    const r = open.reader.finish();
    if (!this.stream) {
      this.setFindings.push(...check835Balance(r));
      this.transactions.push(r);
      this.envelopes.push(open.envelope);
      return;
    }
    let plb = 0;
    for (const p of r.providerAdjustments) for (const item of p.items) plb += item.amountCents;
    const findings = [...paymentBalanceFindings(r.payment.amountCents, open.paidCents, plb), ...open.findings];
    this.events.push({ kind: 'remittance-end', remittance: headerOf(r), envelope: open.envelope, providerAdjustments: r.providerAdjustments, claimCount: open.claims, findings });
  }
}

/** parse835's engine: the whole input, every transaction kept. */
export function read835Model(input: string | Uint8Array, options: ParseOptions): ParseResult<Remittance835> {
  const walk = new Remittance835Walk(options, false);
  walk.push(decodeInput(input, walk.maxBytes));
  walk.end();
  walk.run();
  walk.finish();
  return { transactions: walk.transactions, envelopes: walk.envelopes, findings: [...walk.tracker.findings, ...walk.skipped, ...walk.setFindings] };
}

function* drain(walk: Remittance835Walk): Generator<Remittance835Event, void, undefined> {
  const scanner = walk.scanner;
  const tracker = walk.tracker;
  const events = walk.events;
  while (scanner.next() === ScanResult.Segment) {
    tracker.segment(scanner);
    if (events.length > 0) {
      // Taken out before yielding: a consumer that stops early leaves nothing behind.
      const ready = events.splice(0, events.length);
      yield* ready;
    }
  }
}

/**
 * Read 835 remittances from pieces of input (strings, or UTF-8 bytes split anywhere, even inside
 * a character), one claim payment at a time, keeping only the current claim and its
 * transaction's header in memory. Yields the same claims as parse835 on the joined input, then a
 * `remittance-end` per transaction and a final `end`. Throws only X12ParseError; the size limit
 * counts the input as it arrives (claims before the limit may already have been yielded).
 */
export function* stream835(chunks: Iterable<string | Uint8Array>, options: ParseOptions = {}): Generator<Remittance835Event, void, undefined> {
  const walk = new Remittance835Walk(options, true);
  for (const chunk of chunks) {
    walk.push(chunk);
    yield* drain(walk);
  }
  walk.end();
  yield* drain(walk);
  walk.finish();
  yield* walk.events.splice(0, walk.events.length);
}

/** stream835 for an async source (a file or network stream, a Node Readable). */
export async function* stream835Async(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: ParseOptions = {}): AsyncGenerator<Remittance835Event, void, undefined> {
  const walk = new Remittance835Walk(options, true);
  for await (const chunk of chunks) {
    walk.push(chunk);
    yield* drain(walk);
  }
  walk.end();
  yield* drain(walk);
  walk.finish();
  yield* walk.events.splice(0, walk.events.length);
}

/** Only the claim payments of a stream835 run, each with its transaction's header. */
export function* stream835Claims(chunks: Iterable<string | Uint8Array>, options: ParseOptions = {}): Generator<Extract<Remittance835Event, { kind: 'claim' }>, void, undefined> {
  for (const event of stream835(chunks, options)) if (event.kind === 'claim') yield event;
}
