export * from './carc-table';
export * from './classify-denial';
export * from './denial-types';
export * from './plan-corrected-claim';
export * from './rarc-table';
