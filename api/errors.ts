import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { OUTAGE_RETRY_AFTER_SECONDS, outageOf } from '../platform/outage';

/** A client-facing error: DESIGN §5 `{ error: { code, message, details } }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const notImplemented = (what: string) => new ApiError(501, 'not_implemented', `${what} is not implemented yet`);

/** 503 with Retry-After: PostgreSQL or Temporal cannot be reached now; the same request may be sent again. */
export const unavailable = (what: 'database' | 'temporal') =>
  new ApiError(503, 'temporarily_unavailable', `the ${what === 'database' ? 'database' : 'workflow service'} is not reachable; retry shortly`, { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS });

export function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  if (err.statusCode === 401) void reply.header('WWW-Authenticate', 'Bearer');
  if (err.statusCode === 503 && !reply.hasHeader('Retry-After')) void reply.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
  return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } });
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'the request body must be application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed_request', 'the Content-Length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'the request body is empty'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'the request body is too large'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'the request body is not valid JSON'],
};

/** A multipart body the parser could not read: no boundary, or the body ends inside a part. */
function isUnreadableMultipart(err: Error): boolean {
  // the body stream ended inside a part (busboy waits for more, the request stream closes under it)
  if ((err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return /^Multipart: Boundary not found|^Boundary required|Unexpected end of (multipart data|form)|terminated early due to unexpected end of multipart data|Malformed part header/.test(err.message);
}

/** Maps every error to the JSON error shape; nothing a client sends ends as a 500, an outage ends as a 503. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendError(reply, new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)));

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) return sendError(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message,
      }));
      return sendError(reply, new ApiError(400, 'invalid_request', `the request ${err.validationContext ?? 'body'} is invalid`, details));
    }
    const outage = outageOf(err);
    if (outage) {
      request.log.warn({ outage, err: { name: err.name, code: err.code } }, 'backing service unreachable: 503');
      return sendError(reply, unavailable(outage));
    }
    if (isUnreadableMultipart(err)) return sendError(reply, new ApiError(400, 'malformed_request', 'the multipart body could not be read (no boundary, or cut before its end)'));
    if (err instanceof URIError) return sendError(reply, new ApiError(400, 'malformed_request', 'the request holds a malformed percent-encoding'));
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, new ApiError(known[0], known[1], known[2]));
    if (err instanceof SyntaxError || err.code?.startsWith('FST_ERR_CTP')) return sendError(reply, new ApiError(400, 'malformed_request', 'the request body could not be read'));
    if (err.statusCode === 429) return sendError(reply, new ApiError(429, 'rate_limited', 'too many requests; retry later'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, new ApiError(err.statusCode, 'bad_request', 'the request could not be processed'));
    if (isResponseSerializationError(err)) request.log.error({ err: { message: err.message } }, 'response serialization failed');
    else request.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'request failed');
    return sendError(reply, new ApiError(500, 'internal', 'internal error; the request id identifies it in the logs', { requestId: request.id }));
  });
}
