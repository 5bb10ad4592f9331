import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/database';
import { appendAudit } from '../../db/repositories/audit-log';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the kind of object the route acts on; `false` for routes that change nothing (e.g. codec) */
    audit?: { objectType: string } | false;
  }
  interface FastifyRequest {
    /** set by a handler when the object's id is not in the URL (e.g. a created exam) */
    auditObjectId?: string;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ID_PARAMS = ['examId', 'taskId', 'claimId', 'payerId', 'remittanceId'];

/**
 * Every state-changing request is written to the hash-chained audit log before its response
 * leaves: who (subject and roles), what (method and route), which object, the outcome, the request id.
 * Refused requests are recorded too. Bodies are never recorded (they carry PHI).
 */
export const auditPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.decorateRequest('auditObjectId', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    if (!STATE_CHANGING.has(request.method)) return payload;
    const config = request.routeOptions.config?.audit;
    if (config === false) return payload;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const idParam = ID_PARAMS.find((p) => typeof params[p] === 'string');
    let errorCode: string | undefined;
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      try {
        errorCode = (JSON.parse(payload) as { error?: { code?: string } }).error?.code;
      } catch {
        errorCode = undefined;
      }
    }
    try {
      await appendAudit(opts.db, {
        actorSub: request.principal?.sub ?? null,
        actorRoles: request.principal?.roles ?? [],
        action: `${request.method} ${request.routeOptions.url ?? 'unknown-route'}`,
        objectType: config?.objectType ?? null,
        objectId: request.auditObjectId ?? (idParam ? String(params[idParam]) : null),
        requestId: request.id,
        statusCode: reply.statusCode,
        details: { outcome: reply.statusCode < 400 ? 'ok' : 'refused', ...(errorCode ? { errorCode } : {}) },
      });
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'audit write failed');
      throw err;
    }
    return payload;
  });
});
