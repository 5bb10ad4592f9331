import { x12DateToIso, x12ShortDateToIso } from './dates';
import { X12ParseError } from './errors';
import { finding, type X12Finding } from './finding';
import { el, tokenize, type Delimiters, type Segment, type TokenizeOptions } from './tokenize';

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

function interchangeHeader(s: Segment): InterchangeHeader {
  return {
    senderQualifier: el(s, 5).trim(),
    senderId: el(s, 6).trim(),
    receiverQualifier: el(s, 7).trim(),
    receiverId: el(s, 8).trim(),
    date: x12ShortDateToIso(el(s, 9).trim()) ?? '',
    time: el(s, 10).trim(),
    version: el(s, 12).trim(),
    controlNumber: el(s, 13).trim(),
    acknowledgmentRequested: el(s, 14).trim() === '1',
    usage: el(s, 15).trim(),
  };
}

function groupHeader(s: Segment): GroupHeader {
  return {
    functionalId: el(s, 1),
    applicationSenderCode: el(s, 2),
    applicationReceiverCode: el(s, 3),
    date: x12DateToIso(el(s, 4)) ?? '',
    time: el(s, 5),
    controlNumber: el(s, 6),
    version: el(s, 8),
  };
}

/**
 * Read every interchange, functional group and transaction set of an input. Count and control
 * number mismatches are findings; structure that cannot be followed is an X12ParseError.
 */
export function readEnvelopes(input: string | Uint8Array, options: TokenizeOptions = {}): ReadEnvelopesResult {
  const interchanges: ParsedInterchange[] = [];
  const findings: X12Finding[] = [];
  let ic: ParsedInterchange | undefined;
  let group: ParsedGroup | undefined;
  let tx: ParsedTransactionSet | undefined;

  const closeTx = (endedBy: Segment | undefined) => {
    if (!tx) return;
    if (!endedBy) {
      findings.push(finding('SE_MISSING', 'error', { loop: 'SE', segment: 'SE' }, `transaction set at segment ${tx.stPosition} has no SE`, 'end every transaction set with SE'));
    } else {
      const count = Number(el(endedBy, 1));
      const actual = tx.segments.length + 2;
      if (count !== actual) {
        findings.push(finding('SE_COUNT_MISMATCH', 'error', { loop: 'SE', segment: 'SE', element: 'SE01' }, `SE01 does not match the ${actual} segments of the set`, 'SE01 must count ST through SE'));
      }
      if (el(endedBy, 2) !== tx.controlNumber) {
        findings.push(finding('SE_CONTROL_MISMATCH', 'error', { loop: 'SE', segment: 'SE', element: 'SE02' }, 'SE02 does not match ST02', 'use the ST02 control number in SE02'));
      }
    }
    tx = undefined;
  };
  const closeGroup = (endedBy: Segment | undefined) => {
    if (!group || !ic) return;
    if (group.header) {
      if (!endedBy) {
        findings.push(finding('GE_MISSING', 'error', { loop: 'GE', segment: 'GE' }, 'functional group has no GE', 'end every functional group with GE'));
      } else {
        if (Number(el(endedBy, 1)) !== group.transactions.length) {
          findings.push(finding('GE_COUNT_MISMATCH', 'error', { loop: 'GE', segment: 'GE', element: 'GE01' }, `GE01 does not match the ${group.transactions.length} transaction sets of the group`, 'GE01 must count the ST segments of the group'));
        }
        if (el(endedBy, 2) !== group.header.controlNumber) {
          findings.push(finding('GE_CONTROL_MISMATCH', 'error', { loop: 'GE', segment: 'GE', element: 'GE02' }, 'GE02 does not match GS06', 'use the GS06 control number in GE02'));
        }
      }
    }
    group = undefined;
  };
  const closeInterchange = (endedBy: Segment | undefined) => {
    if (!ic) return;
    if (ic.header) {
      if (!endedBy) {
        findings.push(finding('IEA_MISSING', 'error', { loop: 'IEA', segment: 'IEA' }, 'interchange has no IEA', 'end every interchange with IEA'));
      } else {
        if (Number(el(endedBy, 1)) !== ic.groups.length) {
          findings.push(finding('IEA_COUNT_MISMATCH', 'error', { loop: 'IEA', segment: 'IEA', element: 'IEA01' }, `IEA01 does not match the ${ic.groups.length} functional groups`, 'IEA01 must count the GS segments'));
        }
        if (el(endedBy, 2).trim() !== ic.header.controlNumber) {
          findings.push(finding('IEA_CONTROL_MISMATCH', 'error', { loop: 'IEA', segment: 'IEA', element: 'IEA02' }, 'IEA02 does not match ISA13', 'use the ISA13 control number in IEA02'));
        }
      }
    }
    ic = undefined;
  };
  const openInterchange = (s: Segment, header: InterchangeHeader | undefined) => {
    ic = { header, delimiters: s.delimiters, groups: [], otherSegments: [] };
    interchanges.push(ic);
    return ic;
  };
  const openGroup = (s: Segment, header: GroupHeader | undefined) => {
    const owner = ic ?? openInterchange(s, undefined);
    group = { header, transactions: [] };
    owner.groups.push(group);
    return group;
  };

  for (const s of tokenize(input, options)) {
    const at = { segmentPosition: s.position, segmentId: s.id };
    switch (s.id) {
      case 'ISA':
        if (tx) closeTx(undefined);
        if (group) closeGroup(undefined);
        if (ic) closeInterchange(undefined);
        openInterchange(s, interchangeHeader(s));
        break;
      case 'IEA':
        if (!ic) throw new X12ParseError('UNEXPECTED_SEGMENT', 'IEA without ISA', at);
        if (tx) closeTx(undefined);
        if (group) closeGroup(undefined);
        closeInterchange(s);
        break;
      case 'GS':
        if (tx) closeTx(undefined);
        if (group) closeGroup(undefined);
        openGroup(s, groupHeader(s));
        break;
      case 'GE':
        if (!group) throw new X12ParseError('UNEXPECTED_SEGMENT', 'GE without GS', at);
        if (tx) closeTx(undefined);
        closeGroup(s);
        break;
      case 'ST': {
        if (tx) closeTx(undefined);
        const owner = group ?? openGroup(s, undefined);
        tx = {
          setId: el(s, 1),
          controlNumber: el(s, 2),
          implementationReference: el(s, 3) || owner.header?.version || '',
          segments: [],
          stPosition: s.position,
          group: owner.header,
          interchange: ic?.header,
        };
        owner.transactions.push(tx);
        break;
      }
      case 'SE':
        if (!tx) throw new X12ParseError('UNEXPECTED_SEGMENT', 'SE without ST', at);
        closeTx(s);
        break;
      default:
        if (tx) tx.segments.push(s);
        else if (ic && !group) ic.otherSegments.push(s);
        else throw new X12ParseError('UNEXPECTED_SEGMENT', `${s.id} segment outside a transaction set`, at);
    }
  }
  if (tx) closeTx(undefined);
  if (group) closeGroup(undefined);
  if (ic) closeInterchange(undefined);
  return { interchanges, findings };
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
