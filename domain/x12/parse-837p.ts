import type { X12Finding } from './finding';
import type { Address, EntityName } from './model-common';
import type {
  BillingProvider837, Claim837P, ClaimFilingIndicator, LineAdjudication837, OtherSubscriber837, Patient837, Payer837,
  PayerResponsibility, PayToProvider837, ServiceLine837P, Subscriber837, Transaction837P,
} from './model-837p';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { cents, date, dateOrRange, optCents, optDate, optQuantity } from './read-elements';
import type { ParsedTransactionSet } from './read-envelopes';
import { applyAddressSegment, casAdjustments, completeAddress, entityName } from './read-parties';
import { comp, components, el, type Segment } from './tokenize';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const EMPTY_NAME: EntityName = { entityType: '2', lastOrOrgName: '' };

/** Read one 837P transaction set (005010X222) into the model. */
export function parse837PTransactionSet(set: ParsedTransactionSet): Transaction837P {
  const tx: Transaction837P = {
    controlNumber: set.controlNumber,
    batchReference: '',
    createdDate: '',
    createdTime: '',
    claimOrEncounter: 'CH',
    submitter: { name: EMPTY_NAME, id: '', contact: { name: '' } },
    receiver: { name: '', id: '' },
    claims: [],
  };
  let loop = 'HEADER';
  let billing: BillingProvider837 = { ...EMPTY_NAME, npi: '', address: completeAddress({}), taxId: '' };
  let billingAddress: Partial<Address> = {};
  let payTo: (PayToProvider837 & { partial: Partial<Address> }) | undefined;
  let subscriber: Subscriber837 = { payerResponsibility: 'P', claimFilingIndicator: 'CI', name: EMPTY_NAME, memberId: '' };
  let subscriberAddress: Partial<Address> | undefined;
  let payer: Payer837 = { name: '', payerId: '' };
  let payerAddress: Partial<Address> | undefined;
  let patient: Patient837 | undefined;
  let patientAddress: Partial<Address> = {};
  let claim: Claim837P | undefined;
  let facilityAddress: Partial<Address> = {};
  let other: OtherSubscriber837 | undefined;
  let line: ServiceLine837P | undefined;
  let adjudication: LineAdjudication837 | undefined;

  const startClaim = (s: Segment): Claim837P => {
    const b: BillingProvider837 = { ...billing, address: completeAddress(billingAddress) };
    const sub: Subscriber837 = { ...subscriber };
    if (subscriberAddress) sub.address = completeAddress(subscriberAddress);
    const pay: Payer837 = { ...payer };
    if (payerAddress) pay.address = completeAddress(payerAddress);
    const c: Claim837P = {
      billingProvider: clone(b),
      subscriber: clone(sub),
      payer: clone(pay),
      claimId: el(s, 1),
      totalChargeCents: cents(s, 2),
      placeOfService: comp(s, 5, 1),
      frequency: comp(s, 5, 3) as Claim837P['frequency'],
      providerSignature: el(s, 6) === 'Y',
      assignment: el(s, 7) as Claim837P['assignment'],
      benefitsAssignment: el(s, 8) as Claim837P['benefitsAssignment'],
      releaseOfInformation: el(s, 9) as Claim837P['releaseOfInformation'],
      diagnoses: [],
      lines: [],
    };
    if (payTo) c.payToProvider = { entityType: payTo.entityType, address: completeAddress(payTo.partial) };
    if (patient) c.patient = clone({ ...patient, address: completeAddress(patientAddress) });
    return c;
  };

  for (const s of set.segments) {
    switch (s.id) {
      case 'BHT':
        tx.batchReference = el(s, 3);
        tx.createdDate = optDate(s, 4) ?? '';
        tx.createdTime = el(s, 5);
        tx.claimOrEncounter = el(s, 6) === 'RP' ? 'RP' : 'CH';
        break;
      case 'HL': {
        const level = el(s, 3);
        claim = undefined;
        line = undefined;
        other = undefined;
        adjudication = undefined;
        if (level === '20') {
          loop = '2000A';
          billing = { ...EMPTY_NAME, npi: '', address: completeAddress({}), taxId: '' };
          billingAddress = {};
          payTo = undefined;
        } else if (level === '22') {
          loop = '2000B';
          subscriber = { payerResponsibility: 'P', claimFilingIndicator: 'CI', name: EMPTY_NAME, memberId: '' };
          subscriberAddress = undefined;
          payer = { name: '', payerId: '' };
          payerAddress = undefined;
          patient = undefined;
        } else if (level === '23') {
          loop = '2000C';
          patient = { relationship: '', name: EMPTY_NAME, address: completeAddress({}), birthDate: '', gender: 'U' };
          patientAddress = {};
        } else loop = 'OTHER';
        break;
      }
      case 'NM1': {
        const code = el(s, 1);
        const name = entityName(s);
        const id = el(s, 9);
        if (code === '41') {
          loop = '1000A';
          tx.submitter.name = name;
          tx.submitter.id = id;
        } else if (code === '40') {
          loop = '1000B';
          tx.receiver = { name: name.lastOrOrgName, id };
        } else if (code === '85' && !claim) {
          loop = '2010AA';
          billing = { ...billing, ...name, npi: id };
        } else if (code === '87' && !claim) {
          loop = '2010AB';
          payTo = { entityType: name.entityType, address: completeAddress({}), partial: {} };
        } else if (code === 'IL') {
          if (other) {
            loop = '2330A';
            other.subscriberName = name;
            other.memberId = id;
          } else if (!claim) {
            loop = '2010BA';
            subscriber.name = name;
            subscriber.memberId = id;
          } else loop = 'OTHER';
        } else if (code === 'PR') {
          if (other) {
            loop = '2330B';
            other.payerName = name.lastOrOrgName;
            other.payerId = id;
          } else if (!claim) {
            loop = '2010BB';
            payer = { name: name.lastOrOrgName, payerId: id };
          } else loop = 'OTHER';
        } else if (code === 'QC' && patient && !claim) {
          loop = '2010CA';
          patient.name = name;
        } else if (claim && !line && !other && code === 'DN') {
          loop = '2310A';
          claim.referringProvider = { ...name, npi: id };
        } else if (claim && !line && !other && code === '82') {
          loop = '2310B';
          claim.renderingProvider = { ...name, npi: id };
        } else if (claim && !line && !other && code === '77') {
          loop = '2310C';
          facilityAddress = {};
          claim.serviceFacility = { name: name.lastOrOrgName, address: completeAddress({}) };
          if (id) claim.serviceFacility.npi = id;
        } else loop = 'OTHER';
        break;
      }
      case 'PER':
        if (loop === '1000A') {
          const contact: Transaction837P['submitter']['contact'] = { name: el(s, 2) };
          for (const i of [3, 5, 7]) {
            if (el(s, i) === 'TE' && !contact.phone) contact.phone = el(s, i + 1);
            if (el(s, i) === 'EM' && !contact.email) contact.email = el(s, i + 1);
          }
          tx.submitter.contact = contact;
        }
        break;
      case 'N3':
      case 'N4':
        if (loop === '2010AA') applyAddressSegment(billingAddress, s);
        else if (loop === '2010AB' && payTo) applyAddressSegment(payTo.partial, s);
        else if (loop === '2010BA') applyAddressSegment((subscriberAddress ??= {}), s);
        else if (loop === '2010BB') applyAddressSegment((payerAddress ??= {}), s);
        else if (loop === '2010CA') applyAddressSegment(patientAddress, s);
        else if (loop === '2310C' && claim?.serviceFacility) {
          applyAddressSegment(facilityAddress, s);
          claim.serviceFacility.address = completeAddress(facilityAddress);
        }
        break;
      case 'PRV':
        if (loop === '2000A' && el(s, 1) === 'BI') billing.taxonomy = el(s, 3);
        else if (loop === '2310B' && claim?.renderingProvider) claim.renderingProvider.taxonomy = el(s, 3);
        break;
      case 'REF': {
        const q = el(s, 1);
        if (loop === '2010AA' && (q === 'EI' || q === 'SY')) {
          billing.taxId = el(s, 2);
          if (q === 'SY') billing.taxIdType = 'SY';
        } else if (claim && loop === '2300' && q === 'F8') claim.payerClaimControlNumber = el(s, 2);
        else if (claim && loop === '2300' && q === 'G1') claim.priorAuthorization = el(s, 2);
        else if (claim && loop === '2300' && q === 'EW') claim.mammographyCertification = el(s, 2);
        else if (line && loop === '2400' && q === '6R') line.lineControlNumber = el(s, 2);
        break;
      }
      case 'SBR':
        if (claim) {
          loop = '2320';
          line = undefined;
          other = {
            payerResponsibility: el(s, 1) as PayerResponsibility,
            relationship: el(s, 2),
            claimFilingIndicator: el(s, 9) as ClaimFilingIndicator,
            adjustments: [],
            subscriberName: EMPTY_NAME,
            memberId: '',
            payerName: '',
            payerId: '',
          };
          if (el(s, 3)) other.groupNumber = el(s, 3);
          if (el(s, 5)) other.insuranceTypeCode = el(s, 5);
          (claim.otherSubscribers ??= []).push(other);
        } else {
          subscriber.payerResponsibility = el(s, 1) as PayerResponsibility;
          subscriber.claimFilingIndicator = el(s, 9) as ClaimFilingIndicator;
          if (el(s, 2) === '18') subscriber.relationship = '18';
          if (el(s, 3)) subscriber.groupNumber = el(s, 3);
          if (el(s, 4)) subscriber.groupName = el(s, 4);
          if (el(s, 5)) subscriber.insuranceTypeCode = el(s, 5);
        }
        break;
      case 'DMG':
        if (loop === '2010BA') {
          const birth = optDate(s, 2);
          if (birth) subscriber.birthDate = birth;
          if (el(s, 3)) subscriber.gender = el(s, 3) as Subscriber837['gender'] & string;
        } else if (loop === '2010CA' && patient) {
          patient.birthDate = optDate(s, 2) ?? '';
          patient.gender = (el(s, 3) || 'U') as Patient837['gender'];
        }
        break;
      case 'PAT':
        if (patient) patient.relationship = el(s, 1);
        break;
      case 'CLM':
        claim = startClaim(s);
        tx.claims.push(claim);
        loop = '2300';
        line = undefined;
        other = undefined;
        adjudication = undefined;
        break;
      case 'HI':
        if (claim && !line) {
          for (let i = 1; i < s.elements.length; i++) {
            const q = comp(s, i, 1);
            if (q === 'ABK' || q === 'ABF' || q === 'BK' || q === 'BF') claim.diagnoses.push(comp(s, i, 2));
          }
        }
        break;
      case 'CAS':
        if (loop === '2320' && other) other.adjustments.push(...casAdjustments(s));
        else if (loop === '2430' && adjudication) adjudication.adjustments.push(...casAdjustments(s));
        break;
      case 'AMT':
        if (loop === '2320' && other && el(s, 1) === 'D') other.payerPaidCents = cents(s, 2);
        break;
      case 'LX':
        if (claim) {
          loop = '2400';
          other = undefined;
          adjudication = undefined;
          line = { procedureCode: '', modifiers: [], chargeCents: 0, units: 0, diagnosisPointers: [], serviceDate: '' };
          claim.lines.push(line);
        }
        break;
      case 'SV1':
        if (line) {
          const proc = components(s, 1);
          line.procedureCode = proc[1] ?? '';
          line.modifiers = proc.slice(2, 6).filter((m) => m !== '');
          line.chargeCents = optCents(s, 2) ?? 0;
          line.units = optQuantity(s, 4) ?? 0;
          if (el(s, 5)) line.placeOfService = el(s, 5);
          line.diagnosisPointers = components(s, 7).map(Number).filter((n) => Number.isInteger(n) && n > 0);
        }
        break;
      case 'DTP':
        if (loop === '2400' && line && el(s, 1) === '472') {
          const r = dateOrRange(s, 2, 3);
          line.serviceDate = r.from;
          if (r.to) line.serviceDateEnd = r.to;
        } else if (loop === '2430' && adjudication && el(s, 1) === '573') adjudication.adjudicationDate = date(s, 3);
        break;
      case 'SVD':
        if (line) {
          loop = '2430';
          const proc = components(s, 3);
          adjudication = {
            payerId: el(s, 1),
            paidCents: cents(s, 2),
            procedureCode: proc[1] ?? '',
            modifiers: proc.slice(2, 6).filter((m) => m !== ''),
            units: optQuantity(s, 5) ?? 0,
            adjustments: [],
            adjudicationDate: '',
          };
          (line.adjudications ??= []).push(adjudication);
        }
        break;
      default:
        break;
    }
  }
  return tx;
}

/** Read every 837P transaction set of an input (005010X222, A1 or A2). */
export function parse837P(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<Transaction837P> {
  return parseTransactionSets(input, '837', ['005010X222'], options, (set, _findings: X12Finding[]) => parse837PTransactionSet(set));
}
