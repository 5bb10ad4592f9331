export * from './ar-aging';
export * from './definitions';
export * from './denial-records';
export * from './denials-report';
export * from './kpis';
export * from './rate';
export * from './report-period';
