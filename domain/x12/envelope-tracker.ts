import { x12DateToIso, x12ShortDateToIso } from './dates';
import { X12ParseError } from './errors';
import { finding, type X12Finding } from './finding';
import type { SegmentView } from './segment-scanner';
import type { GroupHeader, InterchangeHeader } from './read-envelopes';

export function interchangeHeader(s: SegmentView): InterchangeHeader {
  return {
    senderQualifier: s.el(5).trim(),
    senderId: s.el(6).trim(),
    receiverQualifier: s.el(7).trim(),
    receiverId: s.el(8).trim(),
    date: x12ShortDateToIso(s.el(9).trim()) ?? '',
    time: s.el(10).trim(),
    version: s.el(12).trim(),
    controlNumber: s.el(13).trim(),
    acknowledgmentRequested: s.el(14).trim() === '1',
    usage: s.el(15).trim(),
  };
}

export function groupHeader(s: SegmentView): GroupHeader {
  return {
    functionalId: s.el(1),
    applicationSenderCode: s.el(2),
    applicationReceiverCode: s.el(3),
    date: x12DateToIso(s.el(4)) ?? '',
    time: s.el(5),
    controlNumber: s.el(6),
    version: s.el(8),
  };
}

/** A transaction set as its ST segment opens it. */
export interface SetOpening {
  setId: string;
  controlNumber: string;
  implementationReference: string;
  stPosition: number;
  group: GroupHeader | undefined;
  interchange: InterchangeHeader | undefined;
}

/** What the envelope walk hands on, in input order. */
export interface EnvelopeEvents {
  openInterchange(s: SegmentView, header: InterchangeHeader | undefined): void;
  openGroup(header: GroupHeader | undefined): void;
  openSet(set: SetOpening): void;
  /** A segment between ST and SE. */
  body(s: SegmentView): void;
  closeSet(): void;
  /** An interchange-level segment other than GS/GE (e.g. TA1). */
  other(s: SegmentView): void;
}

/**
 * The ISA/GS/ST/SE/GE/IEA walk shared by every reader: one segment at a time, nothing kept but
 * the open envelopes and their counts. Count and control number mismatches become findings;
 * structure that cannot be followed is an X12ParseError.
 */
export class EnvelopeTracker {
  private ic: { header: InterchangeHeader | undefined; groups: number } | undefined;
  private group: { header: GroupHeader | undefined; sets: number } | undefined;
  private tx: { controlNumber: string; stPosition: number; bodies: number } | undefined;

  constructor(private readonly events: EnvelopeEvents, readonly findings: X12Finding[] = []) {}

  segment(s: SegmentView): void {
    const id = s.id;
    if (this.tx && id !== 'SE' && id !== 'ST' && id !== 'GS' && id !== 'GE' && id !== 'ISA' && id !== 'IEA') {
      this.tx.bodies++;
      this.events.body(s);
      return;
    }
    switch (id) {
      case 'ISA':
        this.closeTx(undefined);
        this.closeGroup(undefined);
        this.closeInterchange(undefined);
        this.openInterchange(s, interchangeHeader(s));
        break;
      case 'IEA':
        if (!this.ic) throw this.unexpected(s, 'IEA without ISA');
        this.closeTx(undefined);
        this.closeGroup(undefined);
        this.closeInterchange(s);
        break;
      case 'GS':
        this.closeTx(undefined);
        this.closeGroup(undefined);
        this.openGroup(s, groupHeader(s));
        break;
      case 'GE':
        if (!this.group) throw this.unexpected(s, 'GE without GS');
        this.closeTx(undefined);
        this.closeGroup(s);
        break;
      case 'ST': {
        this.closeTx(undefined);
        const owner = this.group ?? this.openGroup(s, undefined);
        owner.sets++;
        this.tx = { controlNumber: s.el(2), stPosition: s.position, bodies: 0 };
        this.events.openSet({
          setId: s.el(1),
          controlNumber: this.tx.controlNumber,
          implementationReference: s.el(3) || owner.header?.version || '',
          stPosition: s.position,
          group: owner.header,
          interchange: this.ic?.header,
        });
        break;
      }
      case 'SE':
        if (!this.tx) throw this.unexpected(s, 'SE without ST');
        this.closeTx(s);
        break;
      default:
        if (this.ic && !this.group) this.events.other(s);
        else throw this.unexpected(s, `${s.id} segment outside a transaction set`);
    }
  }

  /** The input ended: close whatever is open. */
  finish(): void {
    this.closeTx(undefined);
    this.closeGroup(undefined);
    this.closeInterchange(undefined);
  }

  private unexpected(s: SegmentView, message: string): X12ParseError {
    return new X12ParseError('UNEXPECTED_SEGMENT', message, { segmentPosition: s.position, segmentId: s.id });
  }

  private openInterchange(s: SegmentView, header: InterchangeHeader | undefined) {
    this.ic = { header, groups: 0 };
    this.events.openInterchange(s, header);
    return this.ic;
  }

  private openGroup(s: SegmentView, header: GroupHeader | undefined) {
    const owner = this.ic ?? this.openInterchange(s, undefined);
    owner.groups++;
    this.group = { header, sets: 0 };
    this.events.openGroup(header);
    return this.group;
  }

  private closeTx(endedBy: SegmentView | undefined): void {
    const tx = this.tx;
    if (!tx) return;
    const findings = this.findings;
    if (!endedBy) {
      findings.push(finding('SE_MISSING', 'error', { loop: 'SE', segment: 'SE' }, `transaction set at segment ${tx.stPosition} has no SE`, 'end every transaction set with SE'));
    } else {
      const count = Number(endedBy.el(1));
      const actual = tx.bodies + 2;
      if (count !== actual) {
        findings.push(finding('SE_COUNT_MISMATCH', 'error', { loop: 'SE', segment: 'SE', element: 'SE01' }, `SE01 does not match the ${actual} segments of the set`, 'SE01 must count ST through SE'));
      }
      if (endedBy.el(2) !== tx.controlNumber) {
        findings.push(finding('SE_CONTROL_MISMATCH', 'error', { loop: 'SE', segment: 'SE', element: 'SE02' }, 'SE02 does not match ST02', 'use the ST02 control number in SE02'));
      }
    }
    this.tx = undefined;
    this.events.closeSet();
  }

  private closeGroup(endedBy: SegmentView | undefined): void {
    const group = this.group;
    if (!group || !this.ic) return;
    if (group.header) {
      if (!endedBy) {
        this.findings.push(finding('GE_MISSING', 'error', { loop: 'GE', segment: 'GE' }, 'functional group has no GE', 'end every functional group with GE'));
      } else {
        if (Number(endedBy.el(1)) !== group.sets) {
          this.findings.push(finding('GE_COUNT_MISMATCH', 'error', { loop: 'GE', segment: 'GE', element: 'GE01' }, `GE01 does not match the ${group.sets} transaction sets of the group`, 'GE01 must count the ST segments of the group'));
        }
        if (endedBy.el(2) !== group.header.controlNumber) {
          this.findings.push(finding('GE_CONTROL_MISMATCH', 'error', { loop: 'GE', segment: 'GE', element: 'GE02' }, 'GE02 does not match GS06', 'use the GS06 control number in GE02'));
        }
      }
    }
    this.group = undefined;
  }

  private closeInterchange(endedBy: SegmentView | undefined): void {
    const ic = this.ic;
    if (!ic) return;
    if (ic.header) {
      if (!endedBy) {
        this.findings.push(finding('IEA_MISSING', 'error', { loop: 'IEA', segment: 'IEA' }, 'interchange has no IEA', 'end every interchange with IEA'));
      } else {
        if (Number(endedBy.el(1)) !== ic.groups) {
          this.findings.push(finding('IEA_COUNT_MISMATCH', 'error', { loop: 'IEA', segment: 'IEA', element: 'IEA01' }, `IEA01 does not match the ${ic.groups} functional groups`, 'IEA01 must count the GS segments'));
        }
        if (endedBy.el(2).trim() !== ic.header.controlNumber) {
          this.findings.push(finding('IEA_CONTROL_MISMATCH', 'error', { loop: 'IEA', segment: 'IEA', element: 'IEA02' }, 'IEA02 does not match ISA13', 'use the ISA13 control number in IEA02'));
        }
      }
    }
    this.ic = undefined;
  }
}
