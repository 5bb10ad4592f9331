import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { registerWatchdogMetrics } from '../watchdog-metrics';
import { registerOperationsMetrics } from '../operations-metrics';
import { fileResponse } from '../schemas/common';

/** Prometheus metrics: request counts and latencies by route template and status (never by id). */
export const metricsPlugin = fp(async (app: FastifyInstance) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rcm_api_' });
  const duration = new Histogram({
    name: 'rcm_http_request_duration_seconds',
    help: 'HTTP request latency by route template',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'rcm_http_requests_total',
    help: 'HTTP requests by route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  registerWatchdogMetrics(registry, app.db);
  registerOperationsMetrics(registry, app.db);
  app.decorate('metrics', registry);
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    duration.observe(labels, reply.elapsedTime / 1000);
    requests.inc(labels);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true, response: { 200: fileResponse(['text/plain'], 'Prometheus text exposition format') } } }, async (_request, reply) => {
    void reply.header('Content-Type', registry.contentType);
    return registry.metrics();
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}
