import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { Config } from '../../platform/config';
import { type Role, isRole } from '../../platform/roles';
import type { CodecSessions } from '../codec-session';
import { ApiError } from '../errors';

export interface Principal {
  sub: string;
  roles: Role[];
  /** when the credential stops being valid (seconds since the epoch), when known */
  expiresAt?: number;
}

/** Per-route access, declared in the route's `config`. Routes without it are refused. */
export type Access = { roles: readonly Role[] } | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const CODEC_COOKIE = 'rcm_codec_session';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** The value at a claim name or dotted path (`realm_access.roles`); a name holding dots is tried whole first. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** How long a verified token is believed without its signature checked again (never past its expiry). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Verified tokens remembered at most (the oldest is forgotten first). */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Verifies bearer tokens: signature (HS256 with JWT_SECRET, or the JWKS with an allow-list of asymmetric
 * algorithms), `exp` required, issuer and audience when configured (required in production), roles read
 * from the configured claim. Roles the engine does not know are ignored. A token verified in the last minute is
 * believed without its signature checked again (until its expiry, whichever is first).
 */
export function createTokenVerifier(auth: Config['auth']): TokenVerifier {
  const options = { issuer: auth.issuer, audience: auth.audience, clockTolerance: 5, requiredClaims: ['exp', 'sub'] };
  let verifyJwt: (token: string) => Promise<JWTPayload>;
  if (auth.jwksUrl) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(auth.jwksUrl));
    verifyJwt = async (token) => (await jwtVerify(token, jwks, { ...options, algorithms: auth.algorithms })).payload;
  } else if (auth.secret) {
    const key = new TextEncoder().encode(auth.secret);
    verifyJwt = async (token) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload;
  } else {
    throw new Error('no JWT secret or JWKS URL configured');
  }
  // A token already verified is believed again, without its signature checked, until the earlier of its expiry and
  // VERIFIED_TOKEN_TTL_MS: a staff member's console sends the same token with every request.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      const known = verified.get(token);
      if (known && known.until > now) return { ...known.principal, roles: [...known.principal.roles] };
      if (known) verified.delete(token);
      let payload: JWTPayload;
      try {
        payload = await verifyJwt(token);
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new ApiError(401, 'token_expired', 'the bearer token has expired');
        if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'exp') throw new ApiError(401, 'invalid_token', 'the bearer token has no expiry (exp)');
        throw new ApiError(401, 'invalid_token', 'the bearer token is not valid');
      }
      const claimed = claimAt(payload, auth.rolesClaim);
      const roles = Array.isArray(claimed) ? claimed.filter(isRole) : [];
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new ApiError(401, 'invalid_token', 'the bearer token has no subject');
      const principal: Principal = { sub: payload.sub, roles, ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp } : {}) };
      const until = Math.min(now + VERIFIED_TOKEN_TTL_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : now);
      if (until > now) {
        // The oldest entry makes room: the map keeps its insertion order.
        if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value!);
        verified.set(token, { principal: { ...principal, roles: [...roles] }, until });
      }
      return principal;
    },
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed percent-encoding is no token (401), never an error
      }
    }
  }
  return undefined;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'invalid_token', 'the Authorization header must be "Bearer <token>"');
    return match[1];
  }
  return undefined;
}

/**
 * Authentication and function-level authorization for every route: 401 when the caller is not
 * known (no, bad or expired token), 403 when the caller's roles do not include the route's.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { verifier: TokenVerifier; codecSessions?: CodecSessions }) => {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === 'public' || request.method === 'OPTIONS') return;
    if (!request.routeOptions.url) return; // unknown route: the 404 handler answers
    const token = bearerToken(request);
    // The Temporal Web UI calls the codec endpoints with a session cookie (see routes/codec.ts), never a token.
    const session = !token && opts.codecSessions && request.url.startsWith('/codec/') ? readCookie(request.headers.cookie, CODEC_COOKIE) : undefined;
    if (session && opts.codecSessions) request.principal = opts.codecSessions.verify(session);
    else if (!token) throw new ApiError(401, 'unauthenticated', 'a bearer token is required');
    else request.principal = await opts.verifier.verify(token);
    const allowed = access?.roles ?? [];
    if (!request.principal.roles.some((role) => allowed.includes(role))) {
      throw new ApiError(403, 'forbidden', `this action needs one of the roles: ${allowed.join(', ') || '(none)'}`);
    }
  });
});
