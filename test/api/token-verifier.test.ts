import { VERIFIED_TOKEN_TTL_MS, createTokenVerifier } from '../../api/plugins/auth';
import { signToken } from '../../api/tokens';

/**
 * A verified token is believed again without its signature checked, for a minute at most and never past its
 * expiry: what a staff member sees is the same answer, and an expired or altered token is still refused.
 */
const secret = 'a-test-secret-of-at-least-32-characters!';
const auth = { secret, jwksUrl: undefined, issuer: undefined, audience: undefined, algorithms: ['RS256'], rolesClaim: 'roles' };
const start = Date.parse('2026-12-07T12:00:00Z');

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  jest.setSystemTime(start);
});
afterEach(() => jest.useRealTimers());

test('the same token again: the same principal, and a copy the caller may change', async () => {
  const verifier = createTokenVerifier(auth);
  const token = await signToken(secret, { sub: 'biller-1', roles: ['biller'] }, '1h');
  const first = await verifier.verify(token);
  first.roles.push('supervisor');
  expect(await verifier.verify(token)).toEqual({ sub: 'biller-1', roles: ['biller'], expiresAt: start / 1000 + 3600 });
});

test('a token verified before its expiry is refused once it has expired', async () => {
  const verifier = createTokenVerifier(auth);
  const token = await signToken(secret, { sub: 'biller-1', roles: ['biller'] }, '30s');
  expect((await verifier.verify(token)).sub).toBe('biller-1');
  // Within the minute a verified token is believed, but past its expiry (and jose's 5-second tolerance).
  jest.setSystemTime(start + 36_000);
  expect(VERIFIED_TOKEN_TTL_MS).toBeGreaterThan(36_000);
  await expect(verifier.verify(token)).rejects.toMatchObject({ statusCode: 401, code: 'token_expired' });
});

test('after the minute the signature is checked again; an altered token is never taken for a verified one', async () => {
  const verifier = createTokenVerifier(auth);
  const token = await signToken(secret, { sub: 'coder-1', roles: ['coder'] }, '1h');
  await verifier.verify(token);
  const [header, payload] = token.split('.');
  const forged = `${header}.${payload}.${'A'.repeat(43)}`;
  await expect(verifier.verify(forged)).rejects.toMatchObject({ statusCode: 401, code: 'invalid_token' });
  jest.setSystemTime(start + VERIFIED_TOKEN_TTL_MS + 1000);
  expect(await verifier.verify(token)).toMatchObject({ sub: 'coder-1', roles: ['coder'] });
  // A token signed with another secret: refused, cached or not.
  const other = await signToken('another-secret-of-at-least-32-characters', { sub: 'coder-1', roles: ['coder'] }, '1h');
  await expect(verifier.verify(other)).rejects.toMatchObject({ statusCode: 401, code: 'invalid_token' });
});
