import type { Claim837I, ServiceLine837I, Transaction837I } from './model-837i';
import { lineAdjudicationSegments, otherSubscriberSegments, render837Hierarchy } from './render-837p';
import { addressSegments, amount, d8, decimal, dtp, nm1 } from './write-parties';
import { seg, type OutSegment } from './write-segments';

/** The body (between ST and SE) of an 837I transaction set: the shared 837 hierarchy with institutional claim loops. */
export function render837IBody(tx: Transaction837I): OutSegment[] {
  return render837Hierarchy(tx, claimSegments);
}

function claimSegments(claim: Claim837I): OutSegment[] {
  const out: OutSegment[] = [];
  out.push(seg('2300', 'CLM', claim.claimId, amount(claim.totalChargeCents), undefined, undefined,
    [claim.facilityTypeCode, 'A', claim.frequency], undefined, claim.assignment, claim.benefitsAssignment, claim.releaseOfInformation));
  out.push(seg('2300', 'DTP', '434', 'RD8', `${d8(claim.statementFrom)}-${d8(claim.statementTo)}`));
  out.push(seg('2300', 'CL1', claim.admissionType, claim.admissionSource, claim.patientStatus));
  if (claim.payerClaimControlNumber) out.push(seg('2300', 'REF', 'F8', claim.payerClaimControlNumber));
  if (claim.priorAuthorization) out.push(seg('2300', 'REF', 'G1', claim.priorAuthorization));
  const [principal, ...others] = claim.diagnoses;
  if (principal) out.push(seg('2300', 'HI', ['ABK', principal]));
  if (others.length > 0) out.push(seg('2300', 'HI', ...others.map((code) => ['ABF', code])));
  if (claim.occurrenceCodes?.length) out.push(seg('2300', 'HI', ...claim.occurrenceCodes.map((o) => ['BH', o.code, 'D8', d8(o.date)])));
  if (claim.valueCodes?.length) out.push(seg('2300', 'HI', ...claim.valueCodes.map((v) => ['BE', v.code, undefined, undefined, amount(v.amountCents)])));
  if (claim.attendingProvider) out.push(nm1('2310A', '71', claim.attendingProvider, 'XX', claim.attendingProvider.npi));
  if (claim.serviceFacility) {
    const f = claim.serviceFacility;
    out.push(seg('2310E', 'NM1', '77', '2', f.name, undefined, undefined, undefined, undefined, f.npi ? 'XX' : undefined, f.npi));
    out.push(...addressSegments('2310E', f.address));
  }
  if (claim.referringProvider) out.push(nm1('2310F', 'DN', claim.referringProvider, 'XX', claim.referringProvider.npi));
  for (const o of claim.otherSubscribers ?? []) out.push(...otherSubscriberSegments(o, claim.benefitsAssignment, claim.releaseOfInformation));
  claim.lines.forEach((line, i) => out.push(...lineSegments(line, i + 1)));
  return out;
}

function lineSegments(line: ServiceLine837I, n: number): OutSegment[] {
  const out: OutSegment[] = [seg('2400', 'LX', String(n))];
  out.push(seg('2400', 'SV2', line.revenueCode, ['HC', line.procedureCode, ...line.modifiers], amount(line.chargeCents), 'UN', decimal(line.units)));
  out.push(dtp('2400', '472', line.serviceDate, line.serviceDateEnd));
  if (line.lineControlNumber) out.push(seg('2400', 'REF', '6R', line.lineControlNumber));
  for (const a of line.adjudications ?? []) out.push(...lineAdjudicationSegments(a, line.revenueCode));
  return out;
}
