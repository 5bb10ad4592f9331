import type { EligibilityRejection271 } from './model-271';
import type { ReviewDecision278, UmRequest278, UmResponse278, UmServiceResult278 } from './model-278';
import { traceSegment } from './render-270';
import { amount, d8, decimal, dtp, nm1 } from './write-parties';
import { seg, type OutSegment } from './write-segments';

/** A request in the response's shape (the two share one layout; the request has no decisions). */
export function requestAsResponse(tx: UmRequest278): UmResponse278 {
  const { trace, services, umo, requester, subscriber, dependent, ...rest } = tx;
  const out: UmResponse278 = {
    ...rest,
    umo: { ...umo, rejections: [] },
    requester: { ...requester, rejections: [] },
    subscriber: { ...subscriber, rejections: [] },
    traces: [{ type: '1', ...trace }],
    rejections: [],
    services: services.map((s) => ({ ...s, traces: [], rejections: [] })),
  };
  if (dependent) out.dependent = { ...dependent, rejections: [] };
  return out;
}

function aaa(loop: string, r: EligibilityRejection271): OutSegment {
  return seg(loop, 'AAA', r.validRequest ? 'Y' : 'N', undefined, r.reasonCode, r.followUpAction);
}

function hcr(loop: string, d: ReviewDecision278): OutSegment {
  return seg(loop, 'HCR', d.action, d.certificationNumber, d.reasonCode);
}

function serviceSegments(tx: UmResponse278, s: UmServiceResult278, hl: number, parent: number): OutSegment[] {
  const out: OutSegment[] = [seg('2000F', 'HL', String(hl), String(parent), 'SS', '0')];
  for (const t of s.traces) out.push(traceSegment('2000F', t.type, t));
  for (const r of s.rejections) out.push(aaa('2000F', r));
  out.push(seg('2000F', 'UM', tx.requestCategory, tx.certificationType));
  if (s.decision) out.push(hcr('2000F', s.decision));
  if (s.authorizationNumber) out.push(seg('2000F', 'REF', 'BB', s.authorizationNumber));
  if (s.serviceDate) out.push(dtp('2000F', '472', s.serviceDate, s.serviceDateEnd));
  const proc = [s.procedure.qualifier, s.procedure.code, ...s.procedure.modifiers];
  const charge = s.chargeCents === undefined ? undefined : amount(s.chargeCents);
  const units = decimal(s.units);
  if (s.revenueCode) out.push(seg('2000F', 'SV2', s.revenueCode, proc, charge, units ? 'UN' : undefined, units));
  else out.push(seg('2000F', 'SV1', proc, charge, units ? 'UN' : undefined, units));
  return out;
}

/** The body (between ST and SE) of a 278 request (BHT02 13) or response (BHT02 11). */
export function render278Body(tx: UmResponse278, kind: 'request' | 'response'): OutSegment[] {
  const out: OutSegment[] = [seg('BHT', 'BHT', '0007', kind === 'request' ? '13' : '11', tx.reference, d8(tx.createdDate), tx.createdTime)];
  out.push(seg('2000A', 'HL', '1', undefined, '20', '1'));
  out.push(seg('2010A', 'NM1', 'X3', '2', tx.umo.name, undefined, undefined, undefined, undefined, 'PI', tx.umo.payerId));
  for (const r of tx.umo.rejections) out.push(aaa('2010A', r));
  out.push(seg('2000B', 'HL', '2', '1', '21', '1'));
  out.push(nm1('2010B', '1P', tx.requester, 'XX', tx.requester.npi));
  for (const r of tx.requester.rejections) out.push(aaa('2010B', r));
  out.push(seg('2000C', 'HL', '3', '2', '22', '1'));
  const s = tx.subscriber;
  out.push(nm1('2010C', 'IL', s.name, 'MI', s.memberId));
  for (const r of s.rejections) out.push(aaa('2010C', r));
  if (s.birthDate || s.gender) out.push(seg('2010C', 'DMG', 'D8', s.birthDate ? d8(s.birthDate) : undefined, s.gender));
  let eventParent = 3;
  if (tx.dependent) {
    const d = tx.dependent;
    out.push(seg('2000D', 'HL', '4', '3', '23', '1'));
    out.push(nm1('2010D', 'QC', d.name));
    for (const r of d.rejections) out.push(aaa('2010D', r));
    if (d.birthDate || d.gender) out.push(seg('2010D', 'DMG', 'D8', d.birthDate ? d8(d.birthDate) : undefined, d.gender));
    if (d.relationship) out.push(seg('2010D', 'INS', 'N', d.relationship));
    eventParent = 4;
  }
  const eventHl = eventParent + 1;
  out.push(seg('2000E', 'HL', String(eventHl), String(eventParent), 'EV', tx.services.length > 0 ? '1' : '0'));
  for (const t of tx.traces) out.push(traceSegment('2000E', t.type, t));
  for (const r of tx.rejections) out.push(aaa('2000E', r));
  out.push(seg('2000E', 'UM', tx.requestCategory, tx.certificationType, tx.serviceType, tx.facilityCode ? [tx.facilityCode, 'B'] : undefined));
  if (tx.decision) out.push(hcr('2000E', tx.decision));
  if (tx.authorizationNumber) out.push(seg('2000E', 'REF', 'BB', tx.authorizationNumber));
  if (tx.eventDate) out.push(dtp('2000E', 'AAH', tx.eventDate, tx.eventDateEnd));
  if (tx.diagnoses.length > 0) out.push(seg('2000E', 'HI', ...tx.diagnoses.map((code, i) => [i === 0 ? 'ABK' : 'ABF', code])));
  if (tx.serviceProvider) out.push(nm1('2010EA', 'SJ', tx.serviceProvider, 'XX', tx.serviceProvider.npi));
  let hl = eventHl;
  for (const service of tx.services) out.push(...serviceSegments(tx, service, ++hl, eventHl));
  return out;
}
