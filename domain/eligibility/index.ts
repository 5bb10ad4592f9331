export * from './eligibility-response';
export * from './interpret-eligibility';
export * from './patient-estimate';
export * from './rejection-reasons';
export * from './service-types';
