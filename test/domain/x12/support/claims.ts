import type { EnvelopeParams } from '../../../../domain/x12/build-envelope';
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
