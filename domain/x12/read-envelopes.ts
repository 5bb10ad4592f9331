import { EnvelopeTracker } from './envelope-tracker';
import { X12ParseError } from './errors';
import { finding, type X12Finding } from './finding';
import { ScanResult, SegmentScanner } from './segment-scanner';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_SEGMENTS, decodeInput, type Delimiters, type Segment, type TokenizeOptions } from './tokenize';

export interface InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISO date (from ISA09), or "" when unreadable. */
  date: string;
  time: string;
  version: string;
  controlNumber: string;
  acknowledgmentRequested: boolean;
  usage: string;
}

export interface GroupHeader {
  functionalId: string;
  applicationSenderCode: string;
  applicationReceiverCode: string;
  date: string;
  time: string;
  controlNumber: string;
  version: string;
}

export interface ParsedTransactionSet {
  setId: string;
  controlNumber: string;
  implementationReference: string;
  /** Segments between ST and SE. */
  segments: Segment[];
  /** Position of ST in the input (1-based); a body segment is at `position - stPosition + 1` in the set. */
  stPosition: number;
  /** The group and interchange around this set (undefined when the input lacks them). */
  group: GroupHeader | undefined;
  interchange: InterchangeHeader | undefined;
}

export interface ParsedGroup {
  header: GroupHeader | undefined;
  transactions: ParsedTransactionSet[];
}

export interface ParsedInterchange {
  header: InterchangeHeader | undefined;
  delimiters: Delimiters;
  groups: ParsedGroup[];
  /** Interchange-level segments other than GS/GE (e.g. TA1). */
  otherSegments: Segment[];
}

export interface ReadEnvelopesResult {
  interchanges: ParsedInterchange[];
  findings: X12Finding[];
}

/**
 * Read every interchange, functional group and transaction set of an input. Count and control
 * number mismatches are findings; structure that cannot be followed is an X12ParseError.
 */
export function readEnvelopes(input: string | Uint8Array, options: TokenizeOptions = {}): ReadEnvelopesResult {
  const interchanges: ParsedInterchange[] = [];
  let ic: ParsedInterchange | undefined;
  let group: ParsedGroup | undefined;
  let tx: ParsedTransactionSet | undefined;
  const scanner = new SegmentScanner(options.maxSegments ?? DEFAULT_MAX_SEGMENTS);
  const tracker = new EnvelopeTracker({
    openInterchange(s, header) {
      ic = { header, delimiters: s.delimiters, groups: [], otherSegments: [] };
      interchanges.push(ic);
    },
    openGroup(header) {
      group = { header, transactions: [] };
      ic?.groups.push(group);
    },
    openSet(set) {
      tx = { ...set, segments: [] };
      group?.transactions.push(tx);
    },
    body() {
      tx?.segments.push(scanner.toSegment());
    },
    closeSet() {
      tx = undefined;
    },
    other() {
      ic?.otherSegments.push(scanner.toSegment());
    },
  });
  scanner.push(decodeInput(input, options.maxBytes ?? DEFAULT_MAX_BYTES));
  scanner.end();
  while (scanner.next() === ScanResult.Segment) tracker.segment(scanner);
  tracker.finish();
  return { interchanges, findings: tracker.findings };
}

export interface TransactionSetsOfType {
  sets: ParsedTransactionSet[];
  interchanges: ParsedInterchange[];
  findings: X12Finding[];
}

/**
 * The transaction sets with ST01 = setId (and, when given, a matching implementation guide
 * prefix). Other sets are reported as warnings; none at all is an X12ParseError.
 */
export function readTransactionSets(
  input: string | Uint8Array,
  setId: string,
  options: TokenizeOptions & { implementationReferences?: readonly string[] } = {},
): TransactionSetsOfType {
  const { interchanges, findings } = readEnvelopes(input, options);
  const sets: ParsedTransactionSet[] = [];
  for (const ic of interchanges) {
    for (const g of ic.groups) {
      for (const t of g.transactions) {
        const refOk = !options.implementationReferences || t.implementationReference === '' || options.implementationReferences.some((r) => t.implementationReference.startsWith(r));
        if (t.setId === setId && refOk) sets.push(t);
        else {
          findings.push(finding('OTHER_TRANSACTION_SKIPPED', 'warning', { loop: 'ST', segment: 'ST', element: 'ST01' }, `transaction set ${t.setId.slice(0, 3)} (${t.implementationReference.slice(0, 12)}) at segment ${t.stPosition} is not a ${setId}`, 'send this set to the reader of its own type'));
        }
      }
    }
  }
  if (sets.length === 0) {
    throw new X12ParseError('WRONG_TRANSACTION_TYPE', `input holds no ${setId} transaction set`, { segmentPosition: 0, segmentId: 'ST' });
  }
  return { sets, interchanges, findings };
}
