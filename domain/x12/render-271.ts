import type { Benefit271, EligibilityDate271, EligibilityPerson271, EligibilityRejection271, EligibilityResponse271 } from './model-271';
import { receiverSegment, sourceSegment, traceSegment } from './render-270';
import { addressSegments, amount, d8, decimal, nm1 } from './write-parties';
import { repeated, seg, type OutSegment } from './write-segments';

function aaa(loop: string, r: EligibilityRejection271): OutSegment {
  return seg(loop, 'AAA', r.validRequest ? 'Y' : 'N', undefined, r.reasonCode, r.followUpAction);
}

function dateSegment(loop: string, d: EligibilityDate271): OutSegment {
  return d.to !== undefined
    ? seg(loop, 'DTP', d.qualifier, 'RD8', `${d8(d.from)}-${d8(d.to)}`)
    : seg(loop, 'DTP', d.qualifier, 'D8', d8(d.from));
}

/** 2100C/2100D after NM1: REF, N3/N4, AAA, DMG, INS, DTP (the guide's order). */
function personSegments(loop: string, p: EligibilityPerson271, dependent: boolean): OutSegment[] {
  const out: OutSegment[] = [];
  for (const r of p.references) out.push(seg(loop, 'REF', r.qualifier, r.value, r.description));
  if (p.address) out.push(...addressSegments(loop, p.address));
  for (const r of p.rejections) out.push(aaa(loop, r));
  if (p.birthDate || p.gender) out.push(seg(loop, 'DMG', 'D8', p.birthDate ? d8(p.birthDate) : undefined, p.gender));
  if (dependent && p.relationship) out.push(seg(loop, 'INS', 'N', p.relationship));
  for (const d of p.dates) out.push(dateSegment(loop, d));
  return out;
}

function benefitSegments(loop: string, b: Benefit271): OutSegment[] {
  const out: OutSegment[] = [seg(loop, 'EB', b.code, b.coverageLevel, repeated(b.serviceTypeCodes), b.insuranceType, b.planDescription, b.timePeriod,
    b.amountCents === undefined ? undefined : amount(b.amountCents), b.percent, b.quantityQualifier, decimal(b.quantity), b.authorizationRequired,
    b.inNetwork, b.procedure ? [b.procedure.qualifier, b.procedure.code, ...b.procedure.modifiers] : undefined)];
  for (const r of b.references) out.push(seg(loop, 'REF', r.qualifier, r.value, r.description));
  for (const d of b.dates) out.push(dateSegment(loop, d));
  for (const r of b.rejections) out.push(aaa(loop, r));
  for (const m of b.messages) out.push(seg(loop, 'MSG', m));
  if (b.relatedEntities.length > 0) {
    const related = loop === '2110D' ? '2120D' : '2120C';
    out.push(seg(loop, 'LS', '2120'));
    for (const e of b.relatedEntities) out.push(nm1(related, e.entityCode, e.name, e.idQualifier, e.id));
    out.push(seg(loop, 'LE', '2120'));
  }
  return out;
}

/** The body (between ST and SE) of a 271: source, receiver, then one subscriber HL (and dependent HL) per answer. */
export function render271Body(tx: EligibilityResponse271): OutSegment[] {
  const out: OutSegment[] = [seg('BHT', 'BHT', '0022', '11', tx.reference, d8(tx.createdDate), tx.createdTime)];
  out.push(seg('2000A', 'HL', '1', undefined, '20', '1'));
  out.push(sourceSegment(tx.source));
  for (const r of tx.source.rejections) out.push(aaa('2100A', r));
  out.push(seg('2000B', 'HL', '2', '1', '21', tx.answers.length > 0 ? '1' : '0'));
  out.push(receiverSegment(tx.receiver));
  for (const r of tx.receiver.rejections) out.push(aaa('2100B', r));
  let hl = 2;
  for (const a of tx.answers) {
    const subscriberHl = ++hl;
    const dep = a.dependent;
    out.push(seg('2000C', 'HL', String(subscriberHl), '2', '22', dep ? '1' : '0'));
    if (!dep) for (const t of a.traces) out.push(traceSegment('2000C', t.type, t));
    out.push(nm1('2100C', 'IL', a.subscriber.name, a.subscriber.memberId ? 'MI' : undefined, a.subscriber.memberId));
    out.push(...personSegments('2100C', a.subscriber, false));
    if (dep) {
      out.push(seg('2000D', 'HL', String(++hl), String(subscriberHl), '23', '0'));
      for (const t of a.traces) out.push(traceSegment('2000D', t.type, t));
      out.push(nm1('2100D', '03', dep.name, dep.memberId ? 'MI' : undefined, dep.memberId));
      out.push(...personSegments('2100D', dep, true));
    }
    for (const b of a.benefits) out.push(...benefitSegments(dep ? '2110D' : '2110C', b));
  }
  return out;
}
