import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** the per-subject limit, run after authentication (an onRequest hook) */
    limitBySubject: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const outcome = await limiter(request);
  if (outcome.isAllowed || !outcome.isExceeded) return;
  void reply.header('Retry-After', String(Math.max(1, outcome.ttlInSeconds)));
  throw new ApiError(429, 'rate_limited', 'too many requests; retry later');
}

/**
 * Two limits, in this order:
 * - per client address, before authentication: anonymous, refused (401/403) and unknown-route requests
 *   are limited like any other, so a flood of bad tokens is cut off before a token is verified;
 * - per verified subject, after authentication: one user's requests, whatever spelling of the token
 *   they come with (the raw Authorization header is never a key).
 * The address is the socket's unless API_TRUST_PROXY names the proxies in front.
 */
export async function registerRateLimits(app: FastifyInstance, api: Config['api']): Promise<void> {
  await app.register(rateLimit, { global: false });
  const byAddress = app.createRateLimit({ max: api.rateLimitPerAddressPerMinute, timeWindow: '1 minute', keyGenerator: (r) => `address:${r.ip}` });
  const bySubject = app.createRateLimit({ max: api.rateLimitPerMinute, timeWindow: '1 minute', keyGenerator: (r) => `subject:${r.principal?.sub ?? ''}` });
  app.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED.has(request.url.split('?')[0] ?? '')) return;
    await enforce(byAddress, request, reply);
  });
  app.decorate('limitBySubject', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.principal) return;
    await enforce(bySubject, request, reply);
  });
}
