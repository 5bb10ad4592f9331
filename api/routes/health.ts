import type { Connection } from '@temporalio/client';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorBody, publicErrorResponses } from '../schemas/common';

const Check = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.enum(['ok', 'unavailable'])).optional() });

/** Liveness (the process answers) and readiness (the database and Temporal answer). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: Check, ...publicErrorResponses() } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Readiness: the database and Temporal answer', response: { 200: Check, 503: Check.describe('The database or Temporal does not answer'), 500: ApiErrorBody } } }, async (_request, reply) => {
    const withTimeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
    const connection = app.temporal.connection as Connection;
    const [database, temporal] = await Promise.all([
      withTimeout(sql`select 1`.execute(app.db)).then(() => 'ok' as const, () => 'unavailable' as const),
      // The call itself is bounded (a deadline, not a race), so no retry of it outlives the answer.
      connection.withDeadline(Date.now() + 2000, () => connection.healthService.check({})).then(() => 'ok' as const, () => 'unavailable' as const),
    ]);
    const ready = database === 'ok' && temporal === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: { database, temporal } });
  });
};
