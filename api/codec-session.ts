import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from './plugins/auth';
import { ApiError } from './errors';

/** The longest a codec session lasts (shorter when the supervisor's token expires sooner). */
export const CODEC_SESSION_MAX_SECONDS = 15 * 60;

/**
 * Sessions of the Temporal Web UI's calls to the codec: an opaque value (random id, subject, expiry,
 * signed with a key derived from the payload key, so every API process accepts it) that stands for a
 * supervisor for at most 15 minutes. The supervisor's bearer token itself is never put in a cookie.
 */
export class CodecSessions {
  private readonly key: Buffer;

  constructor(payloadKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(payloadKey, 'base64'), Buffer.alloc(0), 'imaging-rcm codec session', 32));
  }

  create(principal: Principal, nowSeconds = Math.floor(Date.now() / 1000)): { value: string; maxAgeSeconds: number } {
    const until = Math.min(nowSeconds + CODEC_SESSION_MAX_SECONDS, principal.expiresAt ?? Number.POSITIVE_INFINITY);
    const body = Buffer.from(JSON.stringify({ id: randomBytes(16).toString('base64url'), sub: principal.sub, exp: until })).toString('base64url');
    return { value: `${body}.${this.sign(body)}`, maxAgeSeconds: Math.max(0, until - nowSeconds) };
  }

  /** The supervisor a session value stands for; 401 when it is forged, malformed or expired. */
  verify(value: string, nowSeconds = Math.floor(Date.now() / 1000)): Principal {
    const [body, signature, extra] = value.split('.');
    const expected = body ? this.sign(body) : '';
    const given = Buffer.from(signature ?? '');
    if (!body || extra !== undefined || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new ApiError(401, 'invalid_session', 'the codec session is not valid; open a new one');
    }
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { sub: string; exp: number };
    if (claims.exp <= nowSeconds) throw new ApiError(401, 'session_expired', 'the codec session has expired; open a new one');
    return { sub: claims.sub, roles: ['supervisor'], expiresAt: claims.exp };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
