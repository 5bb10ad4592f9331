import type { Claim837P, LineAdjudication837, OtherSubscriber837, ServiceLine837P, Transaction837P } from './model-837p';
import { addressSegments, amount, casSegments, d8, decimal, dtp, nm1 } from './write-parties';
import { seg, type OutSegment } from './write-segments';

/** The parties every 837 claim carries (837P and 837I share loops 1000A through 2010CA). */
export type Claim837Parties = Pick<Claim837P, 'billingProvider' | 'payToProvider' | 'subscriber' | 'payer' | 'patient'>;

/** The body (between ST and SE) of an 837P transaction set, with the guide loop of each segment. */
export function render837PBody(tx: Transaction837P): OutSegment[] {
  return render837Hierarchy(tx, claimSegments);
}

/** BHT, submitter, receiver, then billing provider / subscriber / patient HLs, each claim's loops written by `claimLoops`. */
export function render837Hierarchy<C extends Claim837Parties>(tx: Omit<Transaction837P, 'claims'> & { claims: C[] }, claimLoops: (claim: C) => OutSegment[]): OutSegment[] {
  const out: OutSegment[] = [];
  out.push(seg('BHT', 'BHT', '0019', '00', tx.batchReference, d8(tx.createdDate), tx.createdTime, tx.claimOrEncounter));
  out.push(nm1('1000A', '41', tx.submitter.name, '46', tx.submitter.id));
  const c = tx.submitter.contact;
  const channels: (string | undefined)[] = [];
  if (c.phone) channels.push('TE', c.phone);
  if (c.email) channels.push('EM', c.email);
  out.push(seg('1000A', 'PER', 'IC', c.name, ...channels));
  out.push(seg('1000B', 'NM1', '40', '2', tx.receiver.name, undefined, undefined, undefined, undefined, '46', tx.receiver.id));

  let hl = 0;
  let billingHl = 0;
  let previousBillingKey = '';
  for (const claim of tx.claims) {
    const billingKey = JSON.stringify([claim.billingProvider, claim.payToProvider ?? null]);
    if (billingHl === 0 || billingKey !== previousBillingKey) {
      billingHl = ++hl;
      previousBillingKey = billingKey;
      out.push(...billingProviderSegments(claim, billingHl));
    }
    const subscriberHl = ++hl;
    out.push(seg('2000B', 'HL', String(subscriberHl), String(billingHl), '22', claim.patient ? '1' : '0'));
    const s = claim.subscriber;
    out.push(seg('2000B', 'SBR', s.payerResponsibility, claim.patient ? undefined : s.relationship ?? '18', s.groupNumber, s.groupName,
      s.insuranceTypeCode, undefined, undefined, undefined, s.claimFilingIndicator));
    out.push(nm1('2010BA', 'IL', s.name, 'MI', s.memberId));
    if (s.address) out.push(...addressSegments('2010BA', s.address));
    if (s.birthDate || s.gender) out.push(seg('2010BA', 'DMG', 'D8', s.birthDate ? d8(s.birthDate) : undefined, s.gender));
    out.push(seg('2010BB', 'NM1', 'PR', '2', claim.payer.name, undefined, undefined, undefined, undefined, 'PI', claim.payer.payerId));
    if (claim.payer.address) out.push(...addressSegments('2010BB', claim.payer.address));
    if (claim.patient) {
      const p = claim.patient;
      out.push(seg('2000C', 'HL', String(++hl), String(subscriberHl), '23', '0'));
      out.push(seg('2000C', 'PAT', p.relationship));
      out.push(nm1('2010CA', 'QC', p.name));
      out.push(...addressSegments('2010CA', p.address));
      out.push(seg('2010CA', 'DMG', 'D8', d8(p.birthDate), p.gender));
    }
    out.push(...claimLoops(claim));
  }
  return out;
}

function billingProviderSegments(claim: Claim837Parties, hl: number): OutSegment[] {
  const b = claim.billingProvider;
  const out: OutSegment[] = [seg('2000A', 'HL', String(hl), undefined, '20', '1')];
  if (b.taxonomy) out.push(seg('2000A', 'PRV', 'BI', 'PXC', b.taxonomy));
  out.push(nm1('2010AA', '85', b, 'XX', b.npi));
  out.push(...addressSegments('2010AA', b.address));
  out.push(seg('2010AA', 'REF', b.taxIdType ?? 'EI', b.taxId));
  if (claim.payToProvider) {
    out.push(seg('2010AB', 'NM1', '87', claim.payToProvider.entityType));
    out.push(...addressSegments('2010AB', claim.payToProvider.address));
  }
  return out;
}

function claimSegments(claim: Claim837P): OutSegment[] {
  const out: OutSegment[] = [];
  out.push(seg('2300', 'CLM', claim.claimId, amount(claim.totalChargeCents), undefined, undefined,
    [claim.placeOfService, 'B', claim.frequency], claim.providerSignature ? 'Y' : 'N', claim.assignment, claim.benefitsAssignment,
    claim.releaseOfInformation));
  if (claim.mammographyCertification) out.push(seg('2300', 'REF', 'EW', claim.mammographyCertification));
  if (claim.payerClaimControlNumber) out.push(seg('2300', 'REF', 'F8', claim.payerClaimControlNumber));
  if (claim.priorAuthorization) out.push(seg('2300', 'REF', 'G1', claim.priorAuthorization));
  if (claim.diagnoses.length > 0) {
    out.push(seg('2300', 'HI', ...claim.diagnoses.map((code, i) => [i === 0 ? 'ABK' : 'ABF', code])));
  }
  if (claim.referringProvider) out.push(nm1('2310A', 'DN', claim.referringProvider, 'XX', claim.referringProvider.npi));
  if (claim.renderingProvider) {
    out.push(nm1('2310B', '82', claim.renderingProvider, 'XX', claim.renderingProvider.npi));
    if (claim.renderingProvider.taxonomy) out.push(seg('2310B', 'PRV', 'PE', 'PXC', claim.renderingProvider.taxonomy));
  }
  if (claim.serviceFacility) {
    const f = claim.serviceFacility;
    out.push(seg('2310C', 'NM1', '77', '2', f.name, undefined, undefined, undefined, undefined, f.npi ? 'XX' : undefined, f.npi));
    out.push(...addressSegments('2310C', f.address));
  }
  for (const o of claim.otherSubscribers ?? []) out.push(...otherSubscriberSegments(o, claim.benefitsAssignment, claim.releaseOfInformation));
  claim.lines.forEach((line, i) => out.push(...lineSegments(line, i + 1)));
  return out;
}

function lineSegments(line: ServiceLine837P, n: number): OutSegment[] {
  const out: OutSegment[] = [seg('2400', 'LX', String(n))];
  out.push(seg('2400', 'SV1', ['HC', line.procedureCode, ...line.modifiers], amount(line.chargeCents), 'UN', decimal(line.units),
    line.placeOfService, undefined, line.diagnosisPointers.map(String)));
  out.push(dtp('2400', '472', line.serviceDate, line.serviceDateEnd));
  if (line.lineControlNumber) out.push(seg('2400', 'REF', '6R', line.lineControlNumber));
  for (const a of line.adjudications ?? []) out.push(...lineAdjudicationSegments(a));
  return out;
}

/** 2320/2330A/2330B: another payer and how it adjudicated the claim. */
export function otherSubscriberSegments(o: OtherSubscriber837, benefitsAssignment: string, releaseOfInformation: string): OutSegment[] {
  const out: OutSegment[] = [];
  out.push(seg('2320', 'SBR', o.payerResponsibility, o.relationship, o.groupNumber, undefined, o.insuranceTypeCode, undefined, undefined, undefined, o.claimFilingIndicator));
  out.push(...casSegments('2320', o.adjustments));
  if (o.payerPaidCents !== undefined) out.push(seg('2320', 'AMT', 'D', amount(o.payerPaidCents)));
  out.push(seg('2320', 'OI', undefined, undefined, benefitsAssignment, undefined, undefined, releaseOfInformation));
  out.push(nm1('2330A', 'IL', o.subscriberName, 'MI', o.memberId));
  out.push(seg('2330B', 'NM1', 'PR', '2', o.payerName, undefined, undefined, undefined, undefined, 'PI', o.payerId));
  return out;
}

/**
 * 2430: another payer's adjudication of one line (SVD, CAS, DTP*573). SVD04 is the line's revenue
 * code, required in the 837I and not used in the 837P.
 */
export function lineAdjudicationSegments(a: LineAdjudication837, revenueCode?: string): OutSegment[] {
  return [
    seg('2430', 'SVD', a.payerId, amount(a.paidCents), ['HC', a.procedureCode, ...a.modifiers], revenueCode, decimal(a.units)),
    ...casSegments('2430', a.adjustments),
    dtp('2430', '573', a.adjudicationDate),
  ];
}

