import { SignJWT } from 'jose';
import type { Role } from '../platform/roles';

/** Signs an HS256 bearer token (development and tests; production tokens come from the identity provider). */
export async function signToken(secret: string, claims: { sub: string; roles: Role[] }, expiresIn = '30d', opts: { issuer?: string; audience?: string } = {}): Promise<string> {
  let jwt = new SignJWT({ roles: claims.roles }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(claims.sub).setIssuedAt().setExpirationTime(expiresIn);
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
