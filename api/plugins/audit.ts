import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/database';
import { appendAudit } from '../../db/repositories/audit-log';
import { hasControlCharacter } from '../../domain/text';
import { OUTAGE_RETRY_AFTER_SECONDS, outageOf } from '../../platform/outage';
import { unavailable } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    refusedTally: RefusedTally;
  }
  interface FastifyContextConfig {
    /**
     * the kind of object the route acts on; `false` for routes that change nothing (e.g. codec). `reads`: the
     * route shows PHI, so a read is written to the audit log too (who read which object, when). `intent:
     * 'by-delivery'`: the route writes its own intent row (with the update id) when it delivers to an exam;
     * `'in-transaction'`: the route writes its outcome row in the transaction of its change (`auditedChange`).
     */
    audit?: { objectType: string; reads?: boolean; intent?: 'by-delivery' | 'in-transaction' } | false;
  }
  interface FastifyRequest {
    /** set by a handler when the object's id is not in the URL (e.g. a created exam) */
    auditObjectId?: string;
    /** ids a handler adds to its audit rows (e.g. the update id an event was delivered with); never PHI */
    auditDetails?: Record<string, string>;
    /** set once the request's outcome row was written with its change (`auditedChange`) */
    auditWritten?: boolean;
  }
}

/** requests whose outcome row could not be written: their 503 is sent without a second attempt */
const auditFailed = new WeakSet<FastifyRequest>();

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ID_PARAMS = ['documentId', 'examId', 'taskId', 'claimId', 'payerId', 'remittanceId'];

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
 * A change in PostgreSQL and its audit row in one transaction: both are committed, or neither. `status` is the
 * answer the change will get (e.g. 201 created, 200 replaced). The route declares `audit.intent: 'in-transaction'`.
 */
export async function auditedChange<T>(request: FastifyRequest, db: Db, change: (trx: Db) => Promise<T>, status: (result: T) => number): Promise<T> {
  const result = await db.transaction().execute(async (trx) => {
    const changed = await change(trx as unknown as Db);
    await auditOutcomeIn(request, trx as unknown as Db, status(changed));
    return changed;
  });
  auditCommitted(request);
  return result;
}

/**
 * The outcome row of a change made in a transaction the caller opened (a change that cannot be wrapped by
 * `auditedChange`, e.g. one whose transaction retries): written in that transaction, before its commit, so that
 * the row and the change are committed together or not at all. Once the transaction has committed, the caller
 * says so with `auditCommitted` (the plugin then writes no second row).
 */
export async function auditOutcomeIn(request: FastifyRequest, trx: Db, statusCode: number, details: Record<string, string> = {}): Promise<void> {
  await appendAudit(trx, { ...auditSubject(request), statusCode, details: { outcome: 'ok', ...(request.auditDetails ?? {}), ...details } });
}

/** The transaction that carried the request's outcome row (`auditOutcomeIn`) has committed. */
export function auditCommitted(request: FastifyRequest): void {
  request.auditWritten = true;
}

/**
 * Records that a request is about to change something outside PostgreSQL (an exam update): written before
 * the delivery, so that the trail shows the request even if the process dies before it can answer. The
 * outcome row follows under the same request id (append-only: the intent is never rewritten).
 */
export async function auditIntent(db: Db, request: FastifyRequest): Promise<void> {
  await appendAudit(db, { ...auditSubject(request), statusCode: AUDIT_INTENT_STATUS, details: { outcome: 'delivering', ...(request.auditDetails ?? {}) } });
}

/** How often refused anonymous requests are written to the audit log, as one row of counts. */
export const REFUSED_TALLY_INTERVAL_MS = 60_000;

/**
 * Requests refused before anyone was identified (no or bad token, unknown route) and requests refused by
 * the rate limit: counted, not written one row each, so that a flood cannot grow the audit log. Every
 * interval one row carries the counts by route, status and error code.
 */
export class RefusedTally {
  private counts = new Map<string, number>();
  private since = new Date();

  add(action: string, status: number, code: string | undefined): void {
    const key = `${action}|${status}|${code ?? ''}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The counts since the last drain, as an audit row's details, or undefined when nothing was refused. */
  drain(now = new Date()): Record<string, unknown> | undefined {
    if (this.counts.size === 0) return undefined;
    const refused = [...this.counts].map(([key, count]) => {
      const [action, status, code] = key.split('|') as [string, string, string];
      return { action, status: Number(status), ...(code ? { errorCode: code } : {}), count };
    });
    const details = { outcome: 'refused', from: this.since.toISOString(), to: now.toISOString(), total: refused.reduce((s, r) => s + r.count, 0), refused };
    this.counts = new Map();
    this.since = now;
    return details;
  }
}

/**
 * Every state-changing request is written to the hash-chained audit log before its response
 * leaves: who (subject and roles), what (method and route), which object, the outcome, the request id.
 * Refused requests are recorded too. Bodies are never recorded (they carry PHI).
 */
export const auditPlugin = fp(async (app: FastifyInstance, opts: { db: Db; refusedIntervalMs?: number }) => {
  app.decorateRequest('auditObjectId', undefined);
  app.decorateRequest('auditDetails', undefined);
  app.decorateRequest('auditWritten', false);
  const tally = new RefusedTally();
  app.decorate('refusedTally', tally);
  const flushRefused = async (): Promise<void> => {
    const details = tally.drain();
    if (!details) return;
    try {
      await appendAudit(opts.db, { actorSub: null, actorRoles: [], action: 'refused-requests', objectType: null, objectId: null, requestId: randomUUID(), statusCode: 0, details });
    } catch (err) {
      app.log.warn({ err: { message: (err as Error).message } }, 'refused-request counts not written to the audit log');
    }
  };
  const timer = setInterval(() => void flushRefused(), opts.refusedIntervalMs ?? REFUSED_TALLY_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flushRefused();
  });
  // Before a known user's change is made, its intent is recorded (status 102): a crash or an outage between the
  // change and its outcome row leaves the attempt in the trail, never a change with no row at all.
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config?.audit;
    if (!STATE_CHANGING.has(request.method) || !config || config.reads || config.intent !== undefined || !request.principal) return;
    await appendAudit(opts.db, { ...auditSubject(request), statusCode: AUDIT_INTENT_STATUS, details: { outcome: 'changing' } });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const config = request.routeOptions.config?.audit;
    if (!STATE_CHANGING.has(request.method) && !(config && config.reads && request.method === 'GET')) return payload;
    if (config === false || request.auditWritten) return payload;
    let errorCode: string | undefined;
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      try {
        errorCode = (JSON.parse(payload) as { error?: { code?: string } }).error?.code;
      } catch {
        errorCode = undefined;
      }
    }
    if (reply.statusCode === 429 || (reply.statusCode >= 400 && !request.principal)) {
      tally.add(`${request.method} ${request.routeOptions.url ?? 'unknown-route'}`, reply.statusCode, errorCode);
      return payload;
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
      // Any other answer is not sent unrecorded: it becomes a 503 (a retry is safe), sent once that fails too.
      if ((reply.statusCode === 503 && outageOf(err)) || auditFailed.has(request)) return payload;
      auditFailed.add(request);
      // Answered here rather than thrown: an error thrown from onSend after an error answer would skip the
      // API's error handler and reach the client as a 500.
      const refusal = unavailable('database');
      void reply.code(refusal.statusCode).header('content-type', 'application/json; charset=utf-8').header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      return JSON.stringify({ error: { code: refusal.code, message: refusal.message, details: refusal.details } });
    }
    return payload;
  });
});
