import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CheckpointKey, verifyCheckpoints } from '../../db/repositories/audit-checkpoints';
import { listAudit, verifyAuditChain } from '../../db/repositories/audit-log';
import { safeId } from '../../domain/text';
import { errorResponses } from '../schemas/common';

const AuditQuery = z.strictObject({
  actor: safeId(200).optional(),
  objectType: safeId(50).optional(),
  objectId: safeId(100).optional(),
  action: safeId(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  // an audit row id: a positive bigint (at most 2^63 - 1)
  cursor: z.string().regex(/^[1-9]\d{0,18}$/, 'must be a cursor returned by a previous page').refine((v) => BigInt(v) <= 9_223_372_036_854_775_807n, 'must be a cursor returned by a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AuditRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorSub: z.string().nullable(),
  actorRoles: z.array(z.string()),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  requestId: z.string(),
  statusCode: z.number(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

/** The audit trail (newest first) and a verification of its hash chain. */
export const auditRoutes: FastifyPluginAsyncZod<{ checkpointKey?: CheckpointKey }> = async (app, opts) => {
  const access = { roles: ['supervisor', 'admin'] as const };

  app.get(
    '/v1/audit',
    { config: { access }, schema: { tags: ['audit'], summary: 'Audit trail, filterable, newest first', querystring: AuditQuery, response: { 200: z.object({ items: z.array(AuditRowSchema), nextCursor: z.string().nullable() }), ...errorResponses() } } },
    async (request) => {
      const { cursor, ...filter } = request.query;
      const items = await listAudit(app.db, { ...filter, before: cursor });
      return { items, nextCursor: items.length === filter.limit ? items[items.length - 1]!.id : null };
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      config: { access },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain of the whole audit trail and check it against the signed checkpoints of its end',
        response: {
          200: z.object({
            valid: z.boolean(),
            checked: z.number(),
            firstBrokenId: z.string().optional(),
            checkpoints: z.object({ valid: z.boolean(), checkpoints: z.number(), problem: z.object({ checkpointAt: z.string(), lastAuditId: z.string(), reason: z.string() }).optional() }).optional(),
          }),
          ...errorResponses(),
        },
      },
    },
    async () => {
      const chain = await verifyAuditChain(app.db);
      if (!opts.checkpointKey) return chain;
      const checkpoints = await verifyCheckpoints(app.db, opts.checkpointKey);
      return { ...chain, valid: chain.valid && checkpoints.valid, checkpoints };
    },
  );
};
