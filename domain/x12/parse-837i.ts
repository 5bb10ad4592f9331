import type { X12Finding } from './finding';
import type { Claim837I, ServiceLine837I, Transaction837I } from './model-837i';
import type { Claim837P } from './model-837p';
import { parse837PTransactionSet } from './parse-837p';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import { readDtp } from './read-eligibility';
import type { ParsedTransactionSet } from './read-envelopes';
import { entityName } from './read-parties';
import { comp, components, el } from './tokenize';

/**
 * Read one 837I transaction set: the hierarchy, parties, claim references, diagnoses, other payers
 * and line adjudications are read as for the 837P; the institutional segments (CLM05 facility
 * type, DTP*434, CL1, HI value and occurrence codes, NM1*71, SV2) in a second pass.
 */
export function parse837ITransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): Transaction837I {
  const base = parse837PTransactionSet(set);
  const claims: Claim837I[] = base.claims.map((c) => toInstitutional(c));
  let loop = '2300';
  const read = new LenientReader(findings, () => loop);
  let claim: Claim837I | undefined;
  let claimIndex = -1;
  let line: ServiceLine837I | undefined;
  let lineIndex = -1;
  let other = false;
  for (const s of set.segments) {
    switch (s.id) {
      case 'HL':
        claim = undefined;
        line = undefined;
        break;
      case 'CLM':
        claim = claims[++claimIndex];
        if (claim) claim.facilityTypeCode = comp(s, 5, 1);
        line = undefined;
        lineIndex = -1;
        other = false;
        loop = '2300';
        break;
      case 'SBR':
        if (claim) other = true;
        break;
      case 'LX':
        line = claim?.lines[++lineIndex];
        loop = '2400';
        break;
      case 'DTP':
        if (claim && !line && el(s, 1) === '434') {
          const d = readDtp(s, read);
          if (d) {
            claim.statementFrom = d.from;
            claim.statementTo = d.to ?? d.from;
          }
        }
        break;
      case 'CL1':
        if (claim && !line) {
          if (el(s, 1)) claim.admissionType = el(s, 1);
          if (el(s, 2)) claim.admissionSource = el(s, 2);
          claim.patientStatus = el(s, 3);
        }
        break;
      case 'HI':
        if (claim && !line) {
          for (let i = 1; i < s.elements.length; i++) {
            const q = comp(s, i, 1);
            if (q === 'BE') {
              const amount = read.optCents({ ...s, elements: [s.id, comp(s, i, 5)] }, 1);
              (claim.valueCodes ??= []).push({ code: comp(s, i, 2), amountCents: amount ?? 0 });
            } else if (q === 'BH') {
              const date = read.optDate({ ...s, elements: [s.id, comp(s, i, 4)] }, 1);
              (claim.occurrenceCodes ??= []).push({ code: comp(s, i, 2), date: date ?? '' });
            }
          }
        }
        break;
      case 'NM1':
        if (claim && !line && !other && el(s, 1) === '71') claim.attendingProvider = { ...entityName(s), npi: el(s, 9) };
        break;
      case 'SV2':
        if (line) {
          const proc = components(s, 2);
          line.revenueCode = el(s, 1);
          line.procedureCode = proc[1] ?? '';
          line.modifiers = proc.slice(2, 6).filter((m) => m !== '');
          line.chargeCents = read.optCents(s, 3) ?? 0;
          line.units = read.optQuantity(s, 5) ?? 0;
        }
        break;
      default:
        break;
    }
  }
  return { ...base, claims };
}

function toInstitutional(c: Claim837P): Claim837I {
  const out: Claim837I = {
    billingProvider: c.billingProvider,
    subscriber: c.subscriber,
    payer: c.payer,
    claimId: c.claimId,
    totalChargeCents: c.totalChargeCents,
    facilityTypeCode: '',
    frequency: c.frequency,
    assignment: c.assignment,
    benefitsAssignment: c.benefitsAssignment,
    releaseOfInformation: c.releaseOfInformation,
    statementFrom: '',
    statementTo: '',
    patientStatus: '',
    diagnoses: c.diagnoses,
    lines: c.lines.map((l) => {
      const line: ServiceLine837I = { revenueCode: '', procedureCode: '', modifiers: [], chargeCents: 0, units: 0, serviceDate: l.serviceDate };
      if (l.serviceDateEnd) line.serviceDateEnd = l.serviceDateEnd;
      if (l.lineControlNumber) line.lineControlNumber = l.lineControlNumber;
      if (l.adjudications) line.adjudications = l.adjudications;
      return line;
    }),
  };
  if (c.payToProvider) out.payToProvider = c.payToProvider;
  if (c.patient) out.patient = c.patient;
  if (c.payerClaimControlNumber) out.payerClaimControlNumber = c.payerClaimControlNumber;
  if (c.priorAuthorization) out.priorAuthorization = c.priorAuthorization;
  if (c.serviceFacility) out.serviceFacility = c.serviceFacility;
  if (c.referringProvider) out.referringProvider = c.referringProvider;
  if (c.otherSubscribers) out.otherSubscribers = c.otherSubscribers;
  return out;
}

/** Read every 837I transaction set of an input (005010X223, A1 or A2). */
export function parse837I(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<Transaction837I> {
  return parseTransactionSets(input, '837', ['005010X223'], options, (set, findings) => parse837ITransactionSet(set, findings));
}
