import { isoToX12Date } from './dates';
import { X12BuildError } from './errors';
import { DEFAULT_DELIMITERS, type Delimiters } from './tokenize';
import { TRANSACTION_TYPES, type TransactionType } from './transaction-types';
import { seg, writeSegment, type OutSegment } from './write-segments';

/** Who sends to whom, when, and under which control numbers (the caller keeps the sequence). */
export interface EnvelopeParams {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** GS02; defaults to senderId. */
  applicationSenderCode?: string;
  /** GS03; defaults to receiverId. */
  applicationReceiverCode?: string;
  /** ISA13, 1..999999999. */
  interchangeControlNumber: number;
  /** GS06, 1..999999999. */
  groupControlNumber: number;
  /** Creation date, ISO YYYY-MM-DD. */
  date: string;
  /** Creation time, HHMM. */
  time: string;
  usage: 'P' | 'T';
  acknowledgmentRequested?: boolean;
  /** Break lines after each segment terminator (readable; ignored by every reader). Default true. */
  lineBreaks?: boolean;
}

/** A transaction set body, without ST and SE. */
export interface TransactionSetContent {
  controlNumber: string;
  body: OutSegment[];
}

function controlNumber(n: number, what: string): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999) {
    throw new X12BuildError('INVALID_VALUE', `${what} must be an integer from 1 to 999999999`);
  }
  return String(n);
}

function pad(value: string, length: number, what: string): string {
  if (value.length > length) throw new X12BuildError('INVALID_VALUE', `${what} is longer than ${length} characters`);
  return value.padEnd(length, ' ');
}

/** ST + body + SE with the segment count. */
export function wrapTransactionSet(setId: string, implementationReference: string, content: TransactionSetContent): OutSegment[] {
  if (!/^[A-Za-z0-9]{4,9}$/.test(content.controlNumber)) {
    throw new X12BuildError('INVALID_VALUE', 'ST02 transaction set control number must be 4-9 alphanumeric characters');
  }
  const st = seg('ST', 'ST', setId, content.controlNumber, implementationReference);
  const se = seg('SE', 'SE', String(content.body.length + 2), content.controlNumber);
  return [st, ...content.body, se];
}

/** ISA/GS/ST..SE/GE/IEA around the given transaction sets of one type. */
export function envelopeSegments(params: EnvelopeParams, type: TransactionType, sets: readonly TransactionSetContent[]): OutSegment[] {
  const t = TRANSACTION_TYPES[type];
  const isa13 = controlNumber(params.interchangeControlNumber, 'interchange control number').padStart(9, '0');
  const gs06 = controlNumber(params.groupControlNumber, 'group control number');
  if (!/^\d{4}(\d{2})?$/.test(params.time)) throw new X12BuildError('INVALID_VALUE', 'time must be HHMM or HHMMSS');
  const d8 = isoToDate(params.date);
  const isa = seg(
    'ISA', 'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    params.senderQualifier, pad(params.senderId, 15, 'ISA06 sender id'),
    params.receiverQualifier, pad(params.receiverId, 15, 'ISA08 receiver id'),
    d8.slice(2), params.time.slice(0, 4), DEFAULT_DELIMITERS.repetition, '00501', isa13,
    params.acknowledgmentRequested ? '1' : '0', params.usage, DEFAULT_DELIMITERS.component,
  );
  const gs = seg('GS', 'GS', t.functionalId, params.applicationSenderCode ?? params.senderId, params.applicationReceiverCode ?? params.receiverId,
    d8, params.time, gs06, 'X', t.implementationReference);
  // ST03 names the guide in every 5010 guide but the 835's: X221A1 marks it not used.
  const st03 = type === '835' ? '' : t.implementationReference;
  const body = sets.flatMap((s) => wrapTransactionSet(t.setId, st03, s));
  const ge = seg('GE', 'GE', String(sets.length), gs06);
  const iea = seg('IEA', 'IEA', '1', isa13);
  return [isa, gs, ...body, ge, iea];
}

function isoToDate(iso: string): string {
  try {
    return isoToX12Date(iso);
  } catch {
    throw new X12BuildError('INVALID_VALUE', 'envelope date must be YYYY-MM-DD');
  }
}

/** Serialize segments with the given delimiters (ISA written verbatim: its padding is significant). */
export function serializeSegments(segments: readonly OutSegment[], lineBreaks = true, d: Delimiters = DEFAULT_DELIMITERS): string {
  const sep = d.segment + (lineBreaks ? '\n' : '');
  return segments
    .map((s) => (s.id === 'ISA' ? ['ISA', ...s.elements.map((e) => (typeof e === 'string' ? e : ''))].join(d.element) : writeSegment(s, d)))
    .join(sep) + sep;
}

/** A complete interchange holding one functional group of the given transaction type. */
export function buildInterchange(params: EnvelopeParams, type: TransactionType, sets: readonly TransactionSetContent[]): string {
  return serializeSegments(envelopeSegments(params, type, sets), params.lineBreaks ?? true);
}
