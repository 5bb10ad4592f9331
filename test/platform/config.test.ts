import { randomBytes } from 'node:crypto';
import { ConfigError, parseConfig } from '../../platform/config';

test('development defaults: embedded servers, Temporal ports 7233/8233, data in ./.data', () => {
  const c = parseConfig({});
  expect(c.database.url).toBeUndefined();
  expect(c.temporal.address).toBeUndefined();
  expect(c.temporal.devServerPort).toBe(7233);
  expect(c.temporal.uiPort).toBe(8233);
  expect(c.dataDir.endsWith('.data')).toBe(true);
  expect(c.clearinghouse.kind).toBe('sandbox');
});

test('an empty variable counts as unset', () => {
  expect(parseConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: ' ' }).database.url).toBeUndefined();
});

test.each([
  [{ API_PORT: 'eighty' }, /API_PORT/],
  [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
  [{ PAYLOAD_KEY: 'c2hvcnQ=' , PAYLOAD_KEY_ID: 'k' }, /PAYLOAD_KEY must be 32 bytes/],
  [{ PAYLOAD_KEY: randomBytes(32).toString('base64') }, /PAYLOAD_KEY_ID is required/],
  [{ CLEARINGHOUSE: 'fax' }, /CLEARINGHOUSE/],
  [{ NODE_ENV: 'production' }, /DATABASE_URL is required in production.*TEMPORAL_ADDRESS is required in production/],
])('a bad setting %p is one clear error', (env, message) => {
  expect(() => parseConfig(env)).toThrow(ConfigError);
  expect(() => parseConfig(env)).toThrow(message);
});

test('production with everything set parses, including key rotation and TLS', () => {
  const c = parseConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://rcm:pw@db:5432/rcm',
    TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233',
    TEMPORAL_NAMESPACE: 'rcm.abc12',
    TEMPORAL_API_KEY: 'secret-key',
    JWT_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
    JWT_ISSUER: 'https://idp.example.org/',
    JWT_AUDIENCE: 'imaging-rcm',
    PAYLOAD_KEY: randomBytes(32).toString('base64'),
    PAYLOAD_KEY_ID: '2026-11',
    PAYLOAD_PREVIOUS_KEYS: `2026-10:${randomBytes(32).toString('base64')}`,
  });
  expect(c.temporal.namespace).toBe('rcm.abc12');
  expect(c.payloadKeys.previous).toHaveLength(1);
  expect(c.auth.jwksUrl).toContain('jwks');
});
