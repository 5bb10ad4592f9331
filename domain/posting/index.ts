export * from './detect-underpayment';
export * from './match-lines';
export * from './post-claim-payment';
export * from './posting-errors';
export * from './provider-adjustments';
export * from './remittance-types';
export * from './secondary-claim';
export * from './validate-adjudication';
