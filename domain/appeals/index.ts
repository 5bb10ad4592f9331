export * from './appeal-deadline';
export * from './appeal-errors';
export * from './appeal-letter';
export * from './appeal-policy';
export * from './appeal-vehicles';
export * from './appeal-request';
