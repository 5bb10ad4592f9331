import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { ClaimAck277CA, ClaimStatus277CA, StatusCode277 } from './model-277ca';
import { amount, d8, dtp, nm1, optAmount } from './write-parties';
import { seg, type OutSegment } from './write-segments';

const composite = (c: StatusCode277) => [c.category, c.code, c.entity];

/** Categories of a claim the payer took in (acknowledged, accepted, split); the others reject it. */
const ACCEPTED_CATEGORIES = new Set(['A0', 'A1', 'A2', 'A5']);

function accepted(c: ClaimStatus277CA): boolean {
  const first = c.statuses[0];
  if (first?.actionCode) return first.actionCode === 'WQ';
  return ACCEPTED_CATEGORIES.has(first?.codes[0]?.category ?? '');
}

/**
 * The summary STC, QTY and AMT of a batch (2200B) or of a provider's claims (2200C): receipt
 * acknowledged (A1:19), action WQ when any claim was accepted and U when none, the charges, and
 * the accepted and rejected counts and amounts.
 */
function summary(loop: string, claims: readonly ClaimStatus277CA[], date: string | undefined, entity: string | undefined, quantities: [string, string]): OutSegment[] {
  let acceptedCount = 0;
  let acceptedCents = 0;
  let rejectedCents = 0;
  for (const c of claims) {
    const charge = c.statuses[0]?.chargeCents ?? 0;
    if (accepted(c)) {
      acceptedCount++;
      acceptedCents += charge;
    } else rejectedCents += charge;
  }
  const rejectedCount = claims.length - acceptedCount;
  const out = [seg(loop, 'STC', ['A1', '19', entity], date, acceptedCount > 0 ? 'WQ' : 'U', amount(acceptedCents + rejectedCents))];
  if (acceptedCount > 0) out.push(seg(loop, 'QTY', quantities[0], String(acceptedCount)));
  if (rejectedCount > 0) out.push(seg(loop, 'QTY', quantities[1], String(rejectedCount)));
  if (acceptedCount > 0) out.push(seg(loop, 'AMT', 'YU', amount(acceptedCents)));
  if (rejectedCount > 0) out.push(seg(loop, 'AMT', 'YY', amount(rejectedCents)));
  return out;
}

const sameProvider = (a: ClaimStatus277CA, b: ClaimStatus277CA) =>
  a.provider.npi === b.provider.npi && JSON.stringify(a.provider.name) === JSON.stringify(b.provider.name);

export function render277CABody(a: ClaimAck277CA): OutSegment[] {
  const out: OutSegment[] = [seg('HEADER', 'BHT', '0085', '08', a.reference, d8(a.createdDate), a.createdTime, 'TH')];
  out.push(seg('2000A', 'HL', '1', undefined, '20', '1'));
  out.push(seg('2100A', 'NM1', 'PR', '2', a.payer.name, undefined, undefined, undefined, undefined, 'PI', a.payer.id));
  out.push(seg('2200A', 'TRN', '1', a.reference));
  out.push(seg('2200A', 'DTP', '050', 'D8', d8(a.receivedDate)));
  out.push(seg('2200A', 'DTP', '009', 'D8', d8(a.processedDate)));
  out.push(seg('2000B', 'HL', '2', '1', '21', a.claims.length > 0 ? '1' : '0'));
  out.push(nm1('2100B', '41', a.receiver.name, '46', a.receiver.id));
  out.push(seg('2200B', 'TRN', '2', a.batchReference || '0'));
  out.push(...summary('2200B', a.claims, d8(a.processedDate), undefined, ['90', 'AA']));
  let hl = 2;
  // One billing provider level (2000C) for each run of claims of the same provider, in claim order.
  for (let i = 0; i < a.claims.length;) {
    let j = i + 1;
    while (j < a.claims.length && sameProvider(a.claims[i]!, a.claims[j]!)) j++;
    const claims = a.claims.slice(i, j);
    const provider = claims[0]!.provider;
    const providerHl = ++hl;
    out.push(seg('2000C', 'HL', String(providerHl), '2', '19', '1'));
    out.push(nm1('2100C', '85', provider.name, 'XX', provider.npi));
    out.push(seg('2200C', 'TRN', '1', '0'));
    out.push(...summary('2200C', claims, undefined, '85', ['QA', 'QC']));
    for (const c of claims) {
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
    i = j;
  }
  return out;
}

/** One interchange (GS HN, 005010X214) holding the given claim acknowledgments. */
export function build277CA(envelope: EnvelopeParams, acks: readonly ClaimAck277CA[]): string {
  return buildInterchange(envelope, '277CA', acks.map((a) => ({ controlNumber: a.controlNumber, body: render277CABody(a) })));
}
