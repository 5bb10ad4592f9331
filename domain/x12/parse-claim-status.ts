import type { X12Finding } from './finding';
import type { EntityName, Procedure } from './model-common';
import type { StatusCode277 } from './model-277ca';
import type { ClaimStatusInquiry276, ClaimStatusRequest276, StatusLine276, StatusProvider } from './model-276';
import type { ClaimStatus277, ClaimStatusResponse277, StatusInfo277, StatusLine277 } from './model-277';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import { readDtp } from './read-eligibility';
import type { ParsedTransactionSet } from './read-envelopes';
import { entityName } from './read-parties';
import { components, el, type Segment } from './tokenize';

const EMPTY_NAME: EntityName = { entityType: '2', lastOrOrgName: '' };

function procedure(s: Segment, n: number): Procedure {
  const c = components(s, n);
  return { qualifier: c[0] ?? '', code: c[1] ?? '', modifiers: c.slice(2, 6).filter((m) => m !== '') };
}

function statusCode(s: Segment, n: number): StatusCode277 | undefined {
  const c = components(s, n);
  if (c.length === 0) return undefined;
  const out: StatusCode277 = { category: c[0] ?? '', code: c[1] ?? '' };
  if (c[2]) out.entity = c[2];
  return out;
}

function gender(s: Segment): 'M' | 'F' | 'U' | undefined {
  const g = el(s, 3);
  return g === 'M' || g === 'F' || g === 'U' ? g : undefined;
}

/** State shared by the 276 and 277 readers: the hierarchy of source, receiver, provider and patient. */
interface Walk {
  loop: string;
  read: LenientReader;
  provider: StatusProvider;
  subscriber: { name: EntityName; memberId: string; birthDate?: string; gender?: 'M' | 'F' | 'U' };
  dependent: { name: EntityName; birthDate?: string; gender?: 'M' | 'F' | 'U' } | undefined;
}

function walkHeader(w: Walk, s: Segment, header: { reference: string; createdDate: string; createdTime: string; payer: { name: string; payerId: string }; receiver: { name: EntityName; id: string } }): boolean {
  switch (s.id) {
    case 'BHT':
      header.reference = el(s, 3);
      header.createdDate = w.read.optDate(s, 4) ?? '';
      header.createdTime = el(s, 5);
      return true;
    case 'HL': {
      const level = el(s, 3);
      w.loop = { '20': '2000A', '21': '2000B', '19': '2000C', '22': '2000D', '23': '2000E' }[level] ?? 'OTHER';
      if (level === '19') w.provider = { name: EMPTY_NAME, npi: '' };
      if (level === '22') {
        w.subscriber = { name: EMPTY_NAME, memberId: '' };
        w.dependent = undefined;
      }
      if (level === '23') w.dependent = { name: EMPTY_NAME };
      return false;
    }
    case 'NM1':
      if (w.loop === '2000A') {
        header.payer = { name: el(s, 3), payerId: el(s, 9) };
        w.loop = '2100A';
      } else if (w.loop === '2000B') {
        header.receiver = { name: entityName(s), id: el(s, 9) };
        w.loop = '2100B';
      } else if (w.loop === '2000C') {
        w.provider = { name: entityName(s), npi: el(s, 9) };
        w.loop = '2100C';
      } else if (w.loop === '2000D') {
        w.subscriber.name = entityName(s);
        w.subscriber.memberId = el(s, 9);
        w.loop = '2100D';
      } else if (w.loop === '2000E' && w.dependent) {
        w.dependent.name = entityName(s);
        w.loop = '2100E';
      }
      return true;
    case 'DMG': {
      const target = w.loop === '2000D' ? w.subscriber : w.loop === '2000E' ? w.dependent : undefined;
      if (target) {
        const birth = w.read.optDate(s, 2);
        if (birth) target.birthDate = birth;
        const g = gender(s);
        if (g) target.gender = g;
      }
      return true;
    }
    default:
      return false;
  }
}

function readLine(s: Segment, read: LenientReader): StatusLine276 {
  const l: StatusLine276 = { procedure: procedure(s, 1), chargeCents: read.cents(s, 2) };
  if (el(s, 4)) l.revenueCode = el(s, 4);
  const units = read.optQuantity(s, 7);
  if (units !== undefined) l.units = units;
  return l;
}

function applyDate(target: { serviceDate?: string; serviceDateEnd?: string }, s: Segment, read: LenientReader): void {
  const d = readDtp(s, read);
  if (!d) return;
  target.serviceDate = d.from;
  if (d.to && d.to !== d.from) target.serviceDateEnd = d.to;
}

/** Read one 276 transaction set (lenient). */
export function parse276TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): ClaimStatusRequest276 {
  const tx: ClaimStatusRequest276 = { controlNumber: set.controlNumber, reference: '', createdDate: '', createdTime: '', payer: { name: '', payerId: '' }, receiver: { name: EMPTY_NAME, id: '' }, claims: [] };
  const w: Walk = { loop: 'HEADER', read: new LenientReader(findings, () => w.loop), provider: { name: EMPTY_NAME, npi: '' }, subscriber: { name: EMPTY_NAME, memberId: '' }, dependent: undefined };
  let claim: ClaimStatusInquiry276 | undefined;
  let line: StatusLine276 | undefined;
  for (const s of set.segments) {
    if (s.id === 'HL') {
      claim = undefined;
      line = undefined;
    }
    if (walkHeader(w, s, tx)) continue;
    switch (s.id) {
      case 'TRN':
        if (el(s, 1) === '1' && (w.loop === '2100D' || w.loop === '2100E')) {
          claim = { provider: { ...w.provider }, subscriber: { ...w.subscriber }, traceNumber: el(s, 2), claimId: '', chargeCents: 0, serviceDate: '', lines: [] };
          if (w.dependent) claim.dependent = { ...w.dependent };
          tx.claims.push(claim);
          line = undefined;
        }
        break;
      case 'REF':
        if (line && el(s, 1) === 'FJ') line.lineControlNumber = el(s, 2);
        else if (claim && !line) {
          if (el(s, 1) === 'EJ') claim.claimId = el(s, 2);
          else if (el(s, 1) === '1K') claim.payerClaimControlNumber = el(s, 2);
          else if (el(s, 1) === 'BLT') claim.billType = el(s, 2);
        }
        break;
      case 'AMT':
        if (claim && !line && el(s, 1) === 'T3') claim.chargeCents = w.read.cents(s, 2);
        break;
      case 'DTP':
        if (el(s, 1) === '472') {
          if (line) applyDate(line, s, w.read);
          else if (claim) applyDate(claim, s, w.read);
        }
        break;
      case 'SVC':
        if (claim) {
          line = readLine(s, w.read);
          claim.lines.push(line);
        }
        break;
      default:
        break;
    }
  }
  return tx;
}

function readStatus(s: Segment, read: LenientReader): StatusInfo277 {
  const codes = [statusCode(s, 1), statusCode(s, 10), statusCode(s, 11)].filter((c): c is StatusCode277 => c !== undefined);
  const out: StatusInfo277 = { codes, date: read.optDate(s, 2) ?? '' };
  const charge = read.optCents(s, 4);
  if (charge !== undefined) out.chargeCents = charge;
  const paid = read.optCents(s, 5);
  if (paid !== undefined) out.paidCents = paid;
  const adjudicated = read.optDate(s, 6);
  if (adjudicated) out.adjudicationDate = adjudicated;
  if (el(s, 7)) out.paymentMethod = el(s, 7);
  const check = read.optDate(s, 8);
  if (check) out.checkDate = check;
  if (el(s, 9)) out.checkNumber = el(s, 9);
  if (el(s, 12)) out.message = el(s, 12);
  return out;
}

/** Read one 277 claim status response (lenient). */
export function parse277TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): ClaimStatusResponse277 {
  const tx: ClaimStatusResponse277 = { controlNumber: set.controlNumber, reference: '', createdDate: '', createdTime: '', payer: { name: '', payerId: '' }, receiver: { name: EMPTY_NAME, id: '' }, claims: [] };
  const w: Walk = { loop: 'HEADER', read: new LenientReader(findings, () => w.loop), provider: { name: EMPTY_NAME, npi: '' }, subscriber: { name: EMPTY_NAME, memberId: '' }, dependent: undefined };
  let claim: ClaimStatus277 | undefined;
  let line: StatusLine277 | undefined;
  for (const s of set.segments) {
    if (s.id === 'HL') {
      claim = undefined;
      line = undefined;
    }
    if (walkHeader(w, s, tx)) continue;
    switch (s.id) {
      case 'TRN':
        if (el(s, 1) === '2' && w.loop === '2100B') tx.receiverStatus = { traceNumber: el(s, 2), statuses: [] };
        else if (el(s, 1) === '2' && (w.loop === '2100D' || w.loop === '2100E')) {
          claim = { provider: { ...w.provider }, subscriber: { name: w.subscriber.name, memberId: w.subscriber.memberId }, traceNumber: el(s, 2), statuses: [], lines: [] };
          if (w.dependent) claim.dependent = { name: w.dependent.name };
          tx.claims.push(claim);
          line = undefined;
        }
        break;
      case 'STC':
        if (w.loop === '2100B' && tx.receiverStatus) tx.receiverStatus.statuses.push(readStatus(s, w.read));
        else if (line) line.statuses.push(readStatus(s, w.read));
        else if (claim) claim.statuses.push(readStatus(s, w.read));
        break;
      case 'REF':
        if (line && el(s, 1) === 'FJ') line.lineControlNumber = el(s, 2);
        else if (claim && !line) {
          if (el(s, 1) === 'EJ') claim.claimId = el(s, 2);
          else if (el(s, 1) === '1K') claim.payerClaimControlNumber = el(s, 2);
          else if (el(s, 1) === 'BLT') claim.billType = el(s, 2);
        }
        break;
      case 'DTP':
        if (el(s, 1) === '472') {
          if (line) applyDate(line, s, w.read);
          else if (claim) applyDate(claim, s, w.read);
        }
        break;
      case 'SVC':
        if (claim) {
          line = { ...readLine(s, w.read), statuses: [] };
          const paid = w.read.optCents(s, 3);
          if (paid !== undefined) line.paidCents = paid;
          claim.lines.push(line);
        }
        break;
      default:
        break;
    }
  }
  return tx;
}

/** Read every 276 (005010X212) of an input. */
export function parse276(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<ClaimStatusRequest276> {
  return parseTransactionSets(input, '276', ['005010X212'], options, (set, findings) => parse276TransactionSet(set, findings));
}

/** Read every 277 claim status response (005010X212) of an input; 277CA acknowledgments (X214) are skipped. */
export function parse277(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<ClaimStatusResponse277> {
  return parseTransactionSets(input, '277', ['005010X212'], options, (set, findings) => parse277TransactionSet(set, findings));
}
