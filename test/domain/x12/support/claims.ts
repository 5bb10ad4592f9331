import type { EnvelopeParams } from '../../../../domain/x12/build-envelope';
import type { Claim837I } from '../../../../domain/x12/model-837i';
import type { Claim837P, Transaction837P } from '../../../../domain/x12/model-837p';

export const envelope: EnvelopeParams = {
  senderQualifier: 'ZZ',
  senderId: 'IMAGINGRCM',
  receiverQualifier: 'ZZ',
  receiverId: 'CLEARINGHOUSE',
  interchangeControlNumber: 42,
  groupControlNumber: 42,
  date: '2026-11-26',
  time: '1015',
  usage: 'T',
};

export function mriClaim(overrides: Partial<Claim837P> = {}): Claim837P {
  return {
    billingProvider: {
      entityType: '2',
      lastOrOrgName: 'SPRINGFIELD IMAGING',
      npi: '1234567893',
      taxId: '371234567',
      taxonomy: '261QR0200X',
      address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
    },
    subscriber: {
      payerResponsibility: 'P',
      relationship: '18',
      claimFilingIndicator: 'MB',
      name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' },
      memberId: '1EG4TE5MK73',
      address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
      birthDate: '1961-04-12',
      gender: 'F',
    },
    payer: { name: 'MEDICARE B', payerId: '12202' },
    claimId: 'CLM-ACC-2026-000123-1',
    totalChargeCents: 185050,
    placeOfService: '11',
    frequency: '1',
    providerSignature: true,
    assignment: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    priorAuthorization: 'AUTH778899',
    diagnoses: ['M5416', 'M5126'],
    referringProvider: { entityType: '1', lastOrOrgName: 'HOUSE', firstName: 'GREGORY', npi: '1245319599' },
    renderingProvider: { entityType: '1', lastOrOrgName: 'CURIE', firstName: 'MARIE', npi: '1679576722', taxonomy: '2085R0202X' },
    lines: [
      { procedureCode: '72148', modifiers: [], chargeCents: 150000, units: 1, diagnosisPointers: [1, 2], serviceDate: '2026-11-25', lineControlNumber: 'L1' },
      { procedureCode: '72100', modifiers: ['26', 'LT'], chargeCents: 35050, units: 1.5, diagnosisPointers: [1], serviceDate: '2026-11-25', lineControlNumber: 'L2' },
    ],
    ...overrides,
  };
}

export function transaction(claims: Claim837P[] = [mriClaim()]): Transaction837P {
  return {
    controlNumber: '0001',
    batchReference: 'BATCH0001',
    createdDate: '2026-11-26',
    createdTime: '1015',
    claimOrEncounter: 'CH',
    submitter: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, id: 'SUB123', contact: { name: 'BILLING OFFICE', phone: '2175550100' } },
    receiver: { name: 'CLEARINGHOUSE', id: 'CH999' },
    claims,
  };
}

/** A corrected secondary claim for a dependent, with pay-to provider, service facility and the primary payer's adjudication (2320/2330, 2430). */
export function secondaryClaimWithCob(overrides: Partial<Claim837P> = {}): Claim837P {
  return mriClaim({
    subscriber: { ...mriClaim().subscriber, relationship: undefined, payerResponsibility: 'S', claimFilingIndicator: 'CI' },
    payer: { name: 'COMMERCIAL B', payerId: 'CB001', address: { line1: 'PO BOX 1', city: 'CHICAGO', state: 'IL', postalCode: '60601' } },
    patient: { relationship: '19', name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' }, birthDate: '2010-01-02', gender: 'M' },
    payToProvider: { entityType: '2', address: { line1: 'PO BOX 9', city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' } },
    serviceFacility: { name: 'SPRINGFIELD IMAGING WEST', npi: '1245319599', address: { line1: '9 WEST AVE', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' } },
    frequency: '7',
    payerClaimControlNumber: 'PCN12345',
    otherSubscribers: [{
      payerResponsibility: 'P', relationship: '18', groupNumber: 'GRP1', claimFilingIndicator: 'MB',
      adjustments: [{ group: 'CO', reason: '45', amountCents: 100050 }, { group: 'PR', reason: '2', amountCents: 15000, quantity: 1 }],
      payerPaidCents: 70000, subscriberName: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: '1EG4TE5MK73', payerName: 'MEDICARE B', payerId: '12202',
    }],
    lines: [
      { procedureCode: '72148', modifiers: [], chargeCents: 150000, units: 1, diagnosisPointers: [1], serviceDate: '2026-11-25', serviceDateEnd: '2026-11-26',
        adjudications: [{ payerId: '12202', paidCents: 60000, procedureCode: '72148', modifiers: [], units: 1, adjustments: [{ group: 'CO', reason: '45', amountCents: 90000 }], adjudicationDate: '2026-12-10' }] },
      { procedureCode: '72100', modifiers: ['26'], chargeCents: 35050, units: 1, diagnosisPointers: [2], serviceDate: '2026-11-25' },
    ],
    ...overrides,
  });
}

/** Hospital outpatient CT (bill type 13x) with revenue codes, value and occurrence codes. */
export function hospitalCtClaim(overrides: Partial<Claim837I> = {}): Claim837I {
  const p = mriClaim();
  return {
    billingProvider: { ...p.billingProvider, lastOrOrgName: 'SPRINGFIELD GENERAL HOSPITAL', taxonomy: '282N00000X' },
    subscriber: p.subscriber, payer: { name: 'MEDICARE A', payerId: '12201' },
    claimId: 'CLM-ACC-2026-000124-1', totalChargeCents: 310000, facilityTypeCode: '13', frequency: '1',
    assignment: 'A', benefitsAssignment: 'Y', releaseOfInformation: 'Y',
    statementFrom: '2026-11-25', statementTo: '2026-11-25', admissionType: '3', admissionSource: '1', patientStatus: '01',
    priorAuthorization: 'AUTH1', diagnoses: ['R1031', 'K5720'],
    valueCodes: [{ code: 'A1', amountCents: 25700 }], occurrenceCodes: [{ code: '11', date: '2026-11-20' }],
    attendingProvider: { entityType: '1', lastOrOrgName: 'HOUSE', firstName: 'GREGORY', npi: '1245319599' },
    referringProvider: { entityType: '1', lastOrOrgName: 'HOUSE', firstName: 'GREGORY', npi: '1245319599' },
    lines: [
      { revenueCode: '0350', procedureCode: '74177', modifiers: [], chargeCents: 260000, units: 1, serviceDate: '2026-11-25', lineControlNumber: 'L1' },
      { revenueCode: '0320', procedureCode: '71046', modifiers: ['TC'], chargeCents: 50000, units: 1, serviceDate: '2026-11-25', lineControlNumber: 'L2' },
    ],
    ...overrides,
  };
}

/** A replacement hospital claim (frequency 7) after a prior payer, with claim and line adjudication (2320/2430). */
export function hospitalReplacementClaimWithCob(overrides: Partial<Claim837I> = {}): Claim837I {
  const p = mriClaim();
  return hospitalCtClaim({
    frequency: '7', payerClaimControlNumber: 'PCN9', totalChargeCents: 310000,
    subscriber: { ...p.subscriber, relationship: undefined, payerResponsibility: 'S', claimFilingIndicator: 'CI' },
    patient: { relationship: '19', name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' }, birthDate: '2010-01-02', gender: 'M' },
    serviceFacility: { name: 'SPRINGFIELD GENERAL OUTPATIENT', npi: '1679576722', address: { line1: '2 HOSPITAL DR', city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' } },
    otherSubscribers: [{ payerResponsibility: 'P', relationship: '19', claimFilingIndicator: 'MA', adjustments: [{ group: 'CO', reason: '45', amountCents: 100000 }], payerPaidCents: 160000,
      subscriberName: p.subscriber.name, memberId: p.subscriber.memberId, payerName: 'MEDICARE A', payerId: '12201' }],
    lines: [{ revenueCode: '0610', procedureCode: '70553', modifiers: [], chargeCents: 310000, units: 1, serviceDate: '2026-11-25',
      adjudications: [{ payerId: '12201', paidCents: 160000, procedureCode: '70553', modifiers: [], units: 1, adjustments: [{ group: 'CO', reason: '45', amountCents: 100000 }], adjudicationDate: '2026-12-10' }] }],
    valueCodes: undefined, occurrenceCodes: undefined,
    ...overrides,
  });
}
