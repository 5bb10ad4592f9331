import fs from 'node:fs';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { CLIENT_SCHEMA, OPENAPI_JSON, buildDocumentApp, generateClient } from '../../scripts/openapi-client';

// Every route the app registers, as registered (the app's own onRoute hooks see only the routes after them).
const mockRoutes: RouteOptions[] = [];
jest.mock('fastify', () => {
  const actual = jest.requireActual<typeof import('fastify')>('fastify');
  const create = actual.default as unknown as (...args: unknown[]) => import('fastify').FastifyInstance;
  const wrapped = (...args: unknown[]) => {
    const app = create(...args);
    app.addHook('onRoute', (route) => {
      mockRoutes.push(route);
    });
    return app;
  };
  return Object.assign(wrapped, actual, { __esModule: true, default: wrapped, fastify: wrapped });
});

const root = path.resolve(__dirname, '..', '..');
const committed = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '(missing)');

/** The first line that differs, to say where the committed file is behind. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(b[i] ?? '(end)')}, generated ${JSON.stringify(a[i] ?? '(end)')}`;
  }
  return 'no difference';
}

describe('the OpenAPI document and the console client', () => {
  let generated: Awaited<ReturnType<typeof generateClient>> | undefined;

  it('are up to date with the routes (else: run npm run console:client and commit the result)', async () => {
    generated = await generateClient();
    for (const [file, text] of [
      [OPENAPI_JSON, generated.openapiJson],
      [CLIENT_SCHEMA, generated.schemaTs],
    ] as const) {
      const onDisk = committed(file);
      if (onDisk !== text) throw new Error(`${file} is stale: run npm run console:client (${firstDifference(text, onDisk)})`);
    }
  });

  it('generates the same bytes twice (stable order)', async () => {
    const a = generated ?? (await generateClient());
    const b = await generateClient();
    expect(b.openapiJson).toBe(a.openapiJson);
    expect(b.schemaTs).toBe(a.schemaTs);
  });

  it('has every route declare the schema of its success answer, and every documented route the shared error body', async () => {
    mockRoutes.length = 0;
    const app = await buildDocumentApp();
    await app.close();
    // The documentation pages are served by @fastify/swagger-ui, not by the API.
    const routes = mockRoutes.filter((r) => !r.url.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const route of routes) {
      // HEAD answers as GET does; OPTIONS is the CORS preflight of @fastify/cors (204, no body).
      const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
      if (methods.length === 0) continue;
      const response = (route.schema?.response ?? {}) as Record<string, unknown>;
      const statuses = Object.keys(response);
      const notBuilt = (route.schema?.tags ?? []).includes('not built yet');
      const success = statuses.filter((s) => /^2(\d\d|xx)$/.test(s));
      if (notBuilt ? !statuses.includes('501') : success.length === 0) missing.push(`${methods.join(',')} ${route.url}: no ${notBuilt ? '501' : '2xx'} response schema`);
    }
    expect(missing).toEqual([]);

    // What the document says of each route: a 2xx answer and the ApiError body for the 4xx/5xx it lists.
    const document = JSON.parse(committed(OPENAPI_JSON)) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    const undocumentedErrors: string[] = [];
    for (const [url, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        if (!statuses.some((s) => s.startsWith('2')) && !statuses.includes('501')) undocumentedErrors.push(`${method} ${url}: no 2xx`);
        for (const status of statuses.filter((s) => /^[45]/.test(s))) {
          const schema = operation.responses[status]?.content?.['application/json']?.schema;
          if (url !== '/readyz' && JSON.stringify(schema) !== JSON.stringify({ $ref: '#/components/schemas/ApiError' })) undocumentedErrors.push(`${method} ${url} ${status}: not the ApiError body`);
        }
        if (!url.startsWith('/healthz') && !url.startsWith('/readyz') && !url.startsWith('/codec/session') && !statuses.includes('401')) undocumentedErrors.push(`${method} ${url}: no 401`);
      }
    }
    expect(undocumentedErrors).toEqual([]);
  });
});
