import type { StatusCode277 } from './model-277ca';
import type { ClaimStatusRequest276, StatusLine276, StatusProvider, StatusReceiver } from './model-276';
import type { ClaimStatus277, ClaimStatusResponse277, StatusInfo277, StatusLine277 } from './model-277';
import type { EligibilitySource } from './model-270';
import { amount, d8, decimal, dtp, nm1, optAmount } from './write-parties';
import { seg, type OutSegment } from './write-segments';

/** Bodies of the 276 and 277 (005010X212): they share the source / receiver / provider / patient hierarchy. */

interface ClaimEntry {
  provider: StatusProvider;
  dependent: boolean;
  subscriberSegments: OutSegment[];
  dependentSegments: OutSegment[];
  claimSegments: OutSegment[];
}

function hierarchy(kind: '276' | '277', reference: string, createdDate: string, createdTime: string, payer: EligibilitySource, receiver: StatusReceiver, claims: ClaimEntry[], receiverSegments: OutSegment[] = []): OutSegment[] {
  const out: OutSegment[] = [kind === '276'
    ? seg('BHT', 'BHT', '0010', '13', reference, d8(createdDate), createdTime)
    : seg('BHT', 'BHT', '0010', '08', reference, d8(createdDate), createdTime, 'DG')];
  out.push(seg('2000A', 'HL', '1', undefined, '20', '1'));
  out.push(seg('2100A', 'NM1', 'PR', '2', payer.name, undefined, undefined, undefined, undefined, 'PI', payer.payerId));
  out.push(seg('2000B', 'HL', '2', '1', '21', claims.length > 0 ? '1' : '0'));
  out.push(nm1('2100B', '41', receiver.name, '46', receiver.id));
  out.push(...receiverSegments);
  let hl = 2;
  let providerHl = 0;
  let providerKey = '';
  for (const c of claims) {
    const key = JSON.stringify(c.provider);
    if (providerHl === 0 || key !== providerKey) {
      providerHl = ++hl;
      providerKey = key;
      out.push(seg('2000C', 'HL', String(providerHl), '2', '19', '1'));
      out.push(nm1('2100C', '1P', c.provider.name, 'XX', c.provider.npi));
    }
    const subscriberHl = ++hl;
    out.push(seg('2000D', 'HL', String(subscriberHl), String(providerHl), '22', c.dependent ? '1' : '0'));
    out.push(...c.subscriberSegments);
    if (c.dependent) {
      out.push(seg('2000E', 'HL', String(++hl), String(subscriberHl), '23', '0'));
      out.push(...c.dependentSegments);
    }
    out.push(...c.claimSegments);
  }
  return out;
}

function dmg(loop: string, birthDate: string | undefined, gender: string | undefined): OutSegment[] {
  return birthDate || gender ? [seg(loop, 'DMG', 'D8', birthDate ? d8(birthDate) : undefined, gender)] : [];
}

function lineSegments(loop: string, l: StatusLine276 | StatusLine277): OutSegment[] {
  const paid = 'paidCents' in l ? optAmount(l.paidCents) : undefined;
  const out: OutSegment[] = [seg(loop, 'SVC', [l.procedure.qualifier, l.procedure.code, ...l.procedure.modifiers], amount(l.chargeCents), paid, l.revenueCode,
    undefined, undefined, decimal(l.units))];
  if ('statuses' in l) out.push(...l.statuses.map((s) => stc(loop, s)));
  if (l.lineControlNumber) out.push(seg(loop, 'REF', 'FJ', l.lineControlNumber));
  if (l.serviceDate) out.push(dtp(loop, '472', l.serviceDate, l.serviceDateEnd));
  return out;
}

export function render276Body(tx: ClaimStatusRequest276): OutSegment[] {
  return hierarchy('276', tx.reference, tx.createdDate, tx.createdTime, tx.payer, tx.receiver, tx.claims.map((c) => {
    const claimLoop = c.dependent ? '2200E' : '2200D';
    const lineLoop = c.dependent ? '2210E' : '2210D';
    const claimSegments: OutSegment[] = [seg(claimLoop, 'TRN', '1', c.traceNumber)];
    if (c.billType) claimSegments.push(seg(claimLoop, 'REF', 'BLT', c.billType));
    if (c.payerClaimControlNumber) claimSegments.push(seg(claimLoop, 'REF', '1K', c.payerClaimControlNumber));
    claimSegments.push(seg(claimLoop, 'REF', 'EJ', c.claimId));
    claimSegments.push(seg(claimLoop, 'AMT', 'T3', amount(c.chargeCents)));
    claimSegments.push(seg(claimLoop, 'DTP', '472', 'RD8', `${d8(c.serviceDate)}-${d8(c.serviceDateEnd ?? c.serviceDate)}`));
    for (const l of c.lines) claimSegments.push(...lineSegments(lineLoop, l));
    return {
      provider: c.provider,
      dependent: c.dependent !== undefined,
      subscriberSegments: [...dmg('2000D', c.subscriber.birthDate, c.subscriber.gender), nm1('2100D', 'IL', c.subscriber.name, 'MI', c.subscriber.memberId)],
      dependentSegments: c.dependent ? [...dmg('2000E', c.dependent.birthDate, c.dependent.gender), nm1('2100E', 'QC', c.dependent.name)] : [],
      claimSegments,
    };
  }));
}

function composite(c: StatusCode277): (string | undefined)[] {
  return [c.category, c.code, c.entity];
}

export function stc(loop: string, s: StatusInfo277): OutSegment {
  const [first, second, third] = s.codes;
  return seg(loop, 'STC', first ? composite(first) : undefined, d8(s.date), undefined, optAmount(s.chargeCents), optAmount(s.paidCents),
    s.adjudicationDate ? d8(s.adjudicationDate) : undefined, s.paymentMethod, s.checkDate ? d8(s.checkDate) : undefined, s.checkNumber,
    second ? composite(second) : undefined, third ? composite(third) : undefined, s.message);
}

function claimStatusSegments(c: ClaimStatus277): OutSegment[] {
  const claimLoop = c.dependent ? '2200E' : '2200D';
  const out: OutSegment[] = [seg(claimLoop, 'TRN', '2', c.traceNumber), ...c.statuses.map((s) => stc(claimLoop, s))];
  if (c.payerClaimControlNumber) out.push(seg(claimLoop, 'REF', '1K', c.payerClaimControlNumber));
  if (c.billType) out.push(seg(claimLoop, 'REF', 'BLT', c.billType));
  if (c.claimId) out.push(seg(claimLoop, 'REF', 'EJ', c.claimId));
  if (c.serviceDate) out.push(dtp(claimLoop, '472', c.serviceDate, c.serviceDateEnd));
  for (const l of c.lines) out.push(...lineSegments(c.dependent ? '2220E' : '2220D', l));
  return out;
}

export function render277Body(tx: ClaimStatusResponse277): OutSegment[] {
  return hierarchy('277', tx.reference, tx.createdDate, tx.createdTime, tx.payer, tx.receiver, tx.claims.map((c) => ({
    provider: c.provider,
    dependent: c.dependent !== undefined,
    subscriberSegments: [nm1('2100D', 'IL', c.subscriber.name, 'MI', c.subscriber.memberId)],
    dependentSegments: c.dependent ? [nm1('2100E', 'QC', c.dependent.name)] : [],
    claimSegments: claimStatusSegments(c),
  })), tx.receiverStatus ? [seg('2200B', 'TRN', '2', tx.receiverStatus.traceNumber), ...tx.receiverStatus.statuses.map((s) => stc('2200B', s))] : []);
}
