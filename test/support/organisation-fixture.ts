import type { BillingEntityInput, FacilityInput, ProviderInput } from '../../domain/organisations/organisations';

/** Invented organisations and people (valid-format NPIs and EINs that identify no one). */

export const IMAGING_CENTER_NPI = '1000000012';
export const READING_GROUP_NPI = '1000000020';
export const RADIOLOGIST_NPI = '1000000038';
export const ORDERING_NPI = '1000000046';
/** a radiologist who reassigned to no one */
export const UNASSIGNED_RADIOLOGIST_NPI = '1000000053';
export const UNREGISTERED_NPI = '1000000061';

export function imagingCenter(overrides: Partial<BillingEntityInput> = {}): BillingEntityInput {
  return {
    id: 'springfield-imaging', name: 'Springfield Imaging LLC', entityType: '2', npi: IMAGING_CENTER_NPI, tin: '371111111', taxonomy: '261QR0200X',
    kind: 'imaging-center', address: { line1: '100 Main St', city: 'Springfield', state: 'IL', postalCode: '627011234' },
    ...overrides,
  };
}

export function readingGroup(overrides: Partial<BillingEntityInput> = {}): BillingEntityInput {
  return {
    id: 'north-radiology', name: 'North Radiology Associates', entityType: '2', npi: READING_GROUP_NPI, tin: '372222222', taxonomy: '2085R0202X',
    kind: 'reading-group', address: { line1: '9 Oak Ave', line2: 'Suite 200', city: 'Chicago', state: 'IL', postalCode: '606011234' },
    payTo: { line1: 'PO Box 4410', city: 'Chicago', state: 'IL', postalCode: '606804410' },
    ...overrides,
  };
}

export function facility(overrides: Partial<FacilityInput> = {}): FacilityInput {
  return {
    id: 'main', name: 'Springfield Imaging Main', address: { line1: '100 Main St', city: 'Springfield', state: 'IL', postalCode: '627011234' },
    placeOfService: '11', timeZone: 'America/Chicago', mqsaCertificate: 'MQSA-123456', defaultArrangement: 'global',
    billing: {
      global: { technical: 'springfield-imaging' },
      split: { technical: 'springfield-imaging', professional: 'north-radiology' },
      professional: { professional: 'north-radiology' },
      technical: { technical: 'springfield-imaging' },
    },
    ...overrides,
  };
}

export function radiologist(overrides: Partial<ProviderInput> = {}): ProviderInput {
  return {
    npi: RADIOLOGIST_NPI, lastName: 'Wren', firstName: 'Alice', middleName: 'J', credential: 'MD', taxonomy: '2085R0202X',
    roles: ['radiologist'], reassignedTo: ['north-radiology', 'springfield-imaging'], ...overrides,
  };
}

export function orderingPhysician(overrides: Partial<ProviderInput> = {}): ProviderInput {
  return { npi: ORDERING_NPI, lastName: 'Marsh', firstName: 'Owen', credential: 'DO', taxonomy: '207Q00000X', roles: ['ordering'], ...overrides };
}
