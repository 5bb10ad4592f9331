import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type HealthCheck = () => Promise<unknown>;

export interface HealthServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function bounded(check: HealthCheck): Promise<'ok' | 'unavailable'> {
  return Promise.race([
    Promise.resolve().then(check),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]).then(() => 'ok' as const, () => 'unavailable' as const);
}

/**
 * The health endpoints of a process that serves no HTTP of its own (the worker, the HL7 listener), in
 * the shape of the API's: GET /healthz answers 200 while the process runs (liveness); GET /readyz runs
 * every check (each bounded to 2 s) and answers 200 when all pass, else 503 with which failed. Nothing
 * else is served, and nothing of the checks' errors is shown.
 */
export async function startHealthServer(options: { host: string; port: number; checks: Record<string, HealthCheck> }): Promise<HealthServer> {
  const server = http.createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const url = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, { status: 'method not allowed' });
    if (url === '/healthz') return send(200, { status: 'ok' });
    if (url !== '/readyz') return send(404, { status: 'not found' });
    const names = Object.keys(options.checks);
    void Promise.all(names.map((name) => bounded(options.checks[name]!))).then((results) => {
      const checks = Object.fromEntries(names.map((name, i) => [name, results[i]]));
      const ready = results.every((r) => r === 'ok');
      send(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    host: address.address,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
