import type { X12Finding } from './finding';
import type { EntityName } from './model-common';
import type { ClaimAck277CA, ClaimStatus277CA, StatusCode277 } from './model-277ca';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import type { ParsedTransactionSet } from './read-envelopes';
import { entityName } from './read-parties';
import { components, el, type Segment } from './tokenize';
import { x12RangeToIso } from './dates';

function statusCode(s: Segment, n: number): StatusCode277 | undefined {
  const c = components(s, n);
  if (c.length === 0) return undefined;
  const out: StatusCode277 = { category: c[0] ?? '', code: c[1] ?? '' };
  if (c[2]) out.entity = c[2];
  return out;
}

export function parse277CATransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): ClaimAck277CA {
  let loop = 'HEADER';
  const read = new LenientReader(findings, () => loop);
  const empty: EntityName = { entityType: '2', lastOrOrgName: '' };
  const ack: ClaimAck277CA = { controlNumber: set.controlNumber, reference: '', createdDate: '', createdTime: '', payer: { name: '', id: '' }, receiver: { name: empty, id: '' }, receivedDate: '', processedDate: '', claims: [] };
  let provider = { name: empty, npi: '' };
  let claim: ClaimStatus277CA | undefined;
  for (const s of set.segments) {
    switch (s.id) {
      case 'BHT':
        ack.reference = el(s, 3);
        ack.createdDate = read.optDate(s, 4) ?? '';
        ack.createdTime = el(s, 5);
        break;
      case 'HL':
        loop = { '20': '2000A', '21': '2000B', '19': '2000C', PT: '2000D' }[el(s, 3)] ?? 'OTHER';
        if (loop === '2000C') provider = { name: empty, npi: '' };
        if (loop === '2000D') {
          claim = { provider: { ...provider }, patient: { name: empty, memberId: '' }, claimId: '', statuses: [] };
          ack.claims.push(claim);
        } else claim = undefined;
        break;
      case 'NM1':
        if (loop === '2000A' && el(s, 1) === 'PR') ack.payer = { name: el(s, 3), id: el(s, 9) };
        else if (loop === '2000B') ack.receiver = { name: entityName(s), id: el(s, 9) };
        else if (loop === '2000C') provider = { name: entityName(s), npi: el(s, 9) };
        else if (loop === '2000D' && claim) claim.patient = { name: entityName(s), memberId: el(s, 9) };
        break;
      case 'TRN':
        if (loop === '2000D' && claim && el(s, 1) === '2') claim.claimId = el(s, 2);
        else if (loop === '2000B' && el(s, 1) === '2' && el(s, 2) !== '' && el(s, 2) !== '0') ack.batchReference = el(s, 2);
        break;
      case 'DTP':
        if (loop === '2000A' && el(s, 1) === '050') ack.receivedDate = read.optDate(s, 3) ?? '';
        else if (loop === '2000A' && el(s, 1) === '009') ack.processedDate = read.optDate(s, 3) ?? '';
        else if (loop === '2000D' && claim && el(s, 1) === '472') {
          const range = x12RangeToIso(el(s, 3));
          if (range) {
            claim.serviceDate = range.from;
            claim.serviceDateEnd = range.to;
          } else {
            const d = read.optDate(s, 3);
            if (d) claim.serviceDate = d;
          }
        }
        break;
      case 'STC':
        if (claim) {
          const codes = [statusCode(s, 1), statusCode(s, 10), statusCode(s, 11)].filter((c): c is StatusCode277 => c !== undefined);
          const status: ClaimStatus277CA['statuses'][number] = { codes, date: read.optDate(s, 2) ?? '' };
          if (el(s, 3)) status.actionCode = el(s, 3);
          const charge = read.optCents(s, 4);
          if (charge !== undefined) status.chargeCents = charge;
          claim.statuses.push(status);
        }
        break;
      case 'REF':
        if (claim && el(s, 1) === '1K') claim.payerClaimControlNumber = el(s, 2);
        break;
      default:
        break;
    }
  }
  return ack;
}

/** Read every 277CA (005010X214) of an input; 277 claim status responses (X212) are skipped. */
export function parse277CA(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<ClaimAck277CA> {
  return parseTransactionSets(input, '277', ['005010X214'], options, (set, findings) => parse277CATransactionSet(set, findings));
}
