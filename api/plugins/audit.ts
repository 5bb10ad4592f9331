import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/database';
import { appendAudit } from '../../db/repositories/audit-log';
import { hasControlCharacter } from '../../domain/text';
import { outageOf } from '../../platform/outage';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the kind of object the route acts on; `false` for routes that change nothing (e.g. codec) */
    audit?: { objectType: string } | false;
  }
  interface FastifyRequest {
    /** set by a handler when the object's id is not in the URL (e.g. a created exam) */
    auditObjectId?: string;
    /** ids a handler adds to its audit rows (e.g. the update id an event was delivered with); never PHI */
    auditDetails?: Record<string, string>;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ID_PARAMS = ['examId', 'taskId', 'claimId', 'payerId', 'remittanceId'];

/** The status an intent row carries: HTTP 102 Processing, the request is being delivered and has no answer yet. */
export const AUDIT_INTENT_STATUS = 102;

function auditSubject(request: FastifyRequest) {
  const config = request.routeOptions.config?.audit;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const idParam = ID_PARAMS.find((p) => typeof params[p] === 'string');
  const objectId = request.auditObjectId ?? (idParam ? String(params[idParam]) : null);
  return {
    actorSub: request.principal?.sub ?? null,
    actorRoles: request.principal?.roles ?? [],
    action: `${request.method} ${request.routeOptions.url ?? 'unknown-route'}`,
    objectType: config ? config.objectType : null,
    // An id refused at the door (control characters, over-long) is not an object of ours: the row names none.
    objectId: objectId !== null && (hasControlCharacter(objectId) || objectId.length > 200) ? null : objectId,
    requestId: request.id,
  };
}

/**
 * Records that a request is about to change something outside PostgreSQL (an exam update): written before
 * the delivery, so that the trail shows the request even if the process dies before it can answer. The
 * outcome row follows under the same request id (append-only: the intent is never rewritten).
 */
export async function auditIntent(db: Db, request: FastifyRequest): Promise<void> {
  await appendAudit(db, { ...auditSubject(request), statusCode: AUDIT_INTENT_STATUS, details: { outcome: 'delivering', ...(request.auditDetails ?? {}) } });
}

/**
 * Every state-changing request is written to the hash-chained audit log before its response
 * leaves: who (subject and roles), what (method and route), which object, the outcome, the request id.
 * Refused requests are recorded too. Bodies are never recorded (they carry PHI).
 */
export const auditPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.decorateRequest('auditObjectId', undefined);
  app.decorateRequest('auditDetails', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    if (!STATE_CHANGING.has(request.method)) return payload;
    const config = request.routeOptions.config?.audit;
    if (config === false) return payload;
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
        ...auditSubject(request),
        statusCode: reply.statusCode,
        details: { outcome: reply.statusCode === 202 ? 'pending' : reply.statusCode < 400 ? 'ok' : 'refused', ...(request.auditDetails ?? {}), ...(errorCode ? { errorCode } : {}) },
      });
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'audit write failed');
      // A 503 (the database is down) changed nothing and cannot be recorded: it is answered as it is.
      // Any other answer is not sent unrecorded: the error handler turns it into a 503 (a retry is safe).
      if (reply.statusCode === 503 && outageOf(err)) return payload;
      throw err;
    }
    return payload;
  });
});
