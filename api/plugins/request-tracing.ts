import { type Span, type Tracer, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const SPAN = Symbol('request span');
type TracedRequest = FastifyRequest & { [SPAN]?: Span };

/**
 * One server span per request, named by method and route template (`POST /v1/exams/:examId/events`), with the
 * request id: never the URL (ids in paths, filters in query strings), headers or bodies. The span is the active
 * context of the route's handler, so the Temporal calls it makes (start, update, query) are its children. A
 * W3C `traceparent` from the caller is continued.
 */
export const requestTracingPlugin = fp(async (app: FastifyInstance, { tracer }: { tracer: Tracer }) => {
  app.addHook('onRequest', (request: TracedRequest, _reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const parent = propagation.extract(context.active(), request.headers);
    request[SPAN] = tracer.startSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'http.request.id': request.id } },
      parent,
    );
    done();
  });
  // The last step before the handler (body parsed and validated, caller authenticated): from here on the span is active.
  app.addHook('preHandler', (request: TracedRequest, _reply, done) => {
    const span = request[SPAN];
    if (!span) return done();
    context.with(trace.setSpan(context.active(), span), done);
  });
  const end = (request: TracedRequest, status: number | undefined) => {
    const span = request[SPAN];
    if (!span) return;
    request[SPAN] = undefined;
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (status === undefined || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  app.addHook('onResponse', (request: TracedRequest, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request: TracedRequest, done) => {
    end(request, undefined);
    done();
  });
});
