import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { ClaimAck277CA, StatusCode277 } from './model-277ca';
import { d8, dtp, nm1, optAmount } from './write-parties';
import { seg, type OutSegment } from './write-segments';

const composite = (c: StatusCode277) => [c.category, c.code, c.entity];

export function render277CABody(a: ClaimAck277CA): OutSegment[] {
  const out: OutSegment[] = [seg('HEADER', 'BHT', '0085', '08', a.reference, d8(a.createdDate), a.createdTime, 'TH')];
  out.push(seg('2000A', 'HL', '1', undefined, '20', '1'));
  out.push(seg('2100A', 'NM1', 'PR', '2', a.payer.name, undefined, undefined, undefined, undefined, 'PI', a.payer.id));
  out.push(seg('2200A', 'TRN', '1', a.reference));
  out.push(seg('2200A', 'DTP', '050', 'D8', d8(a.receivedDate)));
  out.push(seg('2200A', 'DTP', '009', 'D8', d8(a.processedDate)));
  out.push(seg('2000B', 'HL', '2', '1', '21', a.claims.length > 0 ? '1' : '0'));
  out.push(nm1('2100B', '41', a.receiver.name, '46', a.receiver.id));
  let hl = 2;
  for (const c of a.claims) {
    const providerHl = ++hl;
    out.push(seg('2000C', 'HL', String(providerHl), '2', '19', '1'));
    out.push(nm1('2100C', '85', c.provider.name, 'XX', c.provider.npi));
    out.push(seg('2000D', 'HL', String(++hl), String(providerHl), 'PT'));
    out.push(nm1('2100D', 'QC', c.patient.name, 'MI', c.patient.memberId));
    out.push(seg('2200D', 'TRN', '2', c.claimId));
    for (const s of c.statuses) {
      const [first, second, third] = s.codes;
      out.push(seg('2200D', 'STC', first ? composite(first) : undefined, d8(s.date), s.actionCode, optAmount(s.chargeCents),
        undefined, undefined, undefined, undefined, undefined, second ? composite(second) : undefined, third ? composite(third) : undefined));
    }
    if (c.payerClaimControlNumber) out.push(seg('2200D', 'REF', '1K', c.payerClaimControlNumber));
    if (c.serviceDate) out.push(dtp('2200D', '472', c.serviceDate, c.serviceDateEnd));
  }
  return out;
}

/** One interchange (GS HN, 005010X214) holding the given claim acknowledgments. */
export function build277CA(envelope: EnvelopeParams, acks: readonly ClaimAck277CA[]): string {
  return buildInterchange(envelope, '277CA', acks.map((a) => ({ controlNumber: a.controlNumber, body: render277CABody(a) })));
}
