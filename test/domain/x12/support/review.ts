import type { UmRequest278, UmResponse278 } from '../../../../domain/x12';

export function mriReviewRequest(overrides: Partial<UmRequest278> = {}): UmRequest278 {
  return {
    controlNumber: '0001', reference: 'PA-EX-1001', createdDate: '2026-11-20', createdTime: '0930',
    umo: { name: 'RADIOLOGY BENEFITS CO', payerId: 'RBM01' },
    requester: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING', npi: '1234567893' },
    subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: 'PAREQ0001', birthDate: '1961-04-12', gender: 'F' },
    trace: { number: 'PA-EX-1001-1', originatorId: '1371234567' },
    requestCategory: 'HS', certificationType: 'I', serviceType: '62', facilityCode: '11',
    diagnoses: ['G4489', 'R51'],
    serviceProvider: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING', npi: '1234567893' },
    services: [{ procedure: { qualifier: 'HC', code: '70553', modifiers: [] }, chargeCents: 240000, units: 1, serviceDate: '2026-11-25', serviceDateEnd: '2026-12-24' }],
    ...overrides,
  };
}

export function approvedResponse(overrides: Partial<UmResponse278> = {}): UmResponse278 {
  return {
    controlNumber: '0001', reference: 'PA-EX-1001', createdDate: '2026-11-20', createdTime: '0931',
    umo: { name: 'RADIOLOGY BENEFITS CO', payerId: 'RBM01', rejections: [] },
    requester: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING', npi: '1234567893', rejections: [] },
    subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: 'PAREQ0001', birthDate: '1961-04-12', gender: 'F', rejections: [] },
    traces: [{ type: '2', number: 'PA-EX-1001-1', originatorId: '1371234567' }, { type: '1', number: 'RBM-555', originatorId: '9RBM000001' }],
    rejections: [],
    requestCategory: 'HS', certificationType: 'I', serviceType: '62', facilityCode: '11',
    decision: { action: 'A1', certificationNumber: 'AUTH778899' },
    authorizationNumber: 'AUTH778899',
    eventDate: '2026-11-25', eventDateEnd: '2027-02-23',
    diagnoses: ['G4489'],
    services: [{ procedure: { qualifier: 'HC', code: '70553', modifiers: [] }, units: 1, serviceDate: '2026-11-25', serviceDateEnd: '2027-02-23', traces: [], rejections: [],
      decision: { action: 'A1', certificationNumber: 'AUTH778899' }, authorizationNumber: 'AUTH778899' }],
    ...overrides,
  };
}
