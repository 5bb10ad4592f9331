export * from './apply-patient-payment';
export * from './patient-balance-errors';
export * from './patient-balance-policy';
export * from './payment-plan';
export * from './refund-credit-balance';
export * from './small-balance-write-off';
export * from './statement-content';
export * from './statement-schedule';
