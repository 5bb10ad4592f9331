export * from './authorization';
export * from './authorization-coverage';
export * from './detect-auth-mismatch';
export * from './match-authorization';
export * from './modality-of-cpt';
export * from './requires-prior-auth';
export * from './response-due';
