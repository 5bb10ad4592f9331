import type { EligibilityRequest270, EligibilityResponse271 } from '../../../../domain/x12';

export function inquiry270(): EligibilityRequest270 {
  return {
    controlNumber: '0001', reference: 'EX-1001', createdDate: '2026-11-20', createdTime: '0900',
    source: { name: 'MEDICARE B', payerId: '12202' },
    receiver: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, idQualifier: 'XX', id: '1234567893' },
    inquiries: [
      { trace: { number: 'EX-1001-1', originatorId: '1371234567' },
        subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: '1EG4TE5MK73', birthDate: '1961-04-12', gender: 'F' },
        serviceDate: '2026-11-25', serviceTypeCodes: ['30', '62'] },
      { trace: { number: 'EX-1002-1', originatorId: '1371234567', supplementalId: 'IMAGING' },
        subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: 'W123456789' },
        dependent: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, birthDate: '2010-01-02', gender: 'M', relationship: '19' },
        serviceDate: '2026-11-25', serviceDateEnd: '2026-11-30', serviceTypeCodes: ['4', '73'] },
    ],
  };
}

export function response271(): EligibilityResponse271 {
  return {
    controlNumber: '0001', reference: 'EX-1001', createdDate: '2026-11-20', createdTime: '0901',
    source: { name: 'MEDICARE B', payerId: '12202', rejections: [] },
    receiver: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, idQualifier: 'XX', id: '1234567893', rejections: [] },
    answers: [
      {
        traces: [{ type: '2', number: 'EX-1001-1', originatorId: '1371234567' }, { type: '1', number: 'P-77', originatorId: '9PAYER0001' }],
        subscriber: {
          name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: '1EG4TE5MK73',
          address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
          birthDate: '1961-04-12', gender: 'F',
          references: [{ qualifier: '6P', value: 'GRP100', description: 'EMPLOYER GROUP' }],
          dates: [{ qualifier: '346', from: '2026-01-01' }, { qualifier: '347', from: '2026-12-31' }, { qualifier: '356', from: '2025-06-01' }],
          rejections: [],
        },
        benefits: [
          { code: '1', coverageLevel: 'IND', serviceTypeCodes: ['30', '62', '4'], insuranceType: 'MB', planDescription: 'MEDICARE PART B', references: [], dates: [], rejections: [], messages: [], relatedEntities: [] },
          { code: 'C', coverageLevel: 'IND', serviceTypeCodes: ['30'], insuranceType: 'MB', timePeriod: '29', amountCents: 12575, inNetwork: 'Y',
            references: [], dates: [{ qualifier: '291', from: '2026-01-01', to: '2026-12-31' }], rejections: [], messages: ['DEDUCTIBLE REMAINING'], relatedEntities: [] },
          { code: 'A', coverageLevel: 'IND', serviceTypeCodes: ['62'], percent: '0.2', inNetwork: 'Y', authorizationRequired: 'N',
            references: [{ qualifier: '18', value: 'PLAN-B' }], dates: [], rejections: [], messages: [], relatedEntities: [] },
          { code: 'F', serviceTypeCodes: ['62'], quantityQualifier: 'VS', quantity: 2, timePeriod: '23', procedure: { qualifier: 'HC', code: '70553', modifiers: ['TC'] },
            references: [], dates: [], rejections: [], messages: [], relatedEntities: [{ entityCode: 'PR', name: { entityType: '2', lastOrOrgName: 'RADIOLOGY BENEFIT MANAGER' }, idQualifier: 'PI', id: 'RBM01' }] },
        ],
      },
      {
        traces: [{ type: '2', number: 'EX-1002-1', originatorId: '1371234567', supplementalId: 'IMAGING' }],
        subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: 'W123456789', references: [], dates: [], rejections: [] },
        dependent: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, birthDate: '2010-01-02', gender: 'M', relationship: '19', references: [],
          dates: [{ qualifier: '307', from: '2026-01-01', to: '2026-12-31' }], rejections: [{ validRequest: true, reasonCode: '75', followUpAction: 'C' }] },
        benefits: [{ code: '6', serviceTypeCodes: ['30'], references: [], dates: [], rejections: [], messages: [], relatedEntities: [] }],
      },
    ],
  };
}
