import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../platform/payload-codec';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

const toWire = (p: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

describe('codec endpoints (for the Temporal Web UI)', () => {
  test('a supervisor decodes what the engine encrypted', async () => {
    const codec = new AesGcmPayloadCodec(h.config.payloadKeys.current!);
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload({ lastName: 'Lovelace' })]);
    const res = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: bearer(h.tokens.supervisor), payload: { payloads: [toWire(encrypted!)] } });
    expect(res.statusCode).toBe(200);
    expect(Buffer.from(res.json().payloads[0].data, 'base64').toString()).toContain('Lovelace');
  });

  test('encode then decode round-trips', async () => {
    const plain = toWire(defaultPayloadConverter.toPayload('x'));
    const enc = await h.app.inject({ method: 'POST', url: '/codec/encode', headers: bearer(h.tokens.supervisor), payload: { payloads: [plain] } });
    const dec = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: bearer(h.tokens.supervisor), payload: enc.json() });
    expect(dec.json().payloads[0]).toEqual(plain);
  });

  test('other roles may not decode: 403', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: bearer(h.tokens.biller), payload: { payloads: [] } });
    expect(res.statusCode).toBe(403);
  });

  test('a payload under an unknown key: 422, not 500', async () => {
    const [foreign] = await new AesGcmPayloadCodec({ id: 'other', key: randomBytes(32).toString('base64') }).encode([defaultPayloadConverter.toPayload(1)]);
    const res = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: bearer(h.tokens.supervisor), payload: { payloads: [toWire(foreign!)] } });
    expect(res.statusCode).toBe(422);
  });

  test('a codec session is opened by a POST with the token in the header: an opaque, short, HttpOnly, SameSite=Strict cookie the codec accepts', async () => {
    const open = await h.app.inject({ method: 'POST', url: '/codec/session', headers: bearer(h.tokens.supervisor) });
    expect(open.statusCode).toBe(200);
    const cookie = String(open.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/codec/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);
    expect(cookie).not.toContain(h.tokens.supervisor.split('.')[1]!); // the token itself is not in the cookie
    const res = await h.app.inject({ method: 'POST', url: '/codec/encode', headers: { cookie: cookie.split(';')[0]! }, payload: { payloads: [] } });
    expect(res.statusCode).toBe(200);
  });

  test('a forged or altered session cookie, a non-supervisor or a token in the query string opens nothing', async () => {
    const open = await h.app.inject({ method: 'POST', url: '/codec/session', headers: bearer(h.tokens.supervisor) });
    const value = String(open.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
    const [body, sig] = value.split('.') as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), exp: 4102444800 })).toString('base64url');
    for (const cookie of [`rcm_codec_session=${forgedBody}.${sig}`, 'rcm_codec_session=garbage', `rcm_codec_session=${body}`]) {
      const res = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: { cookie }, payload: { payloads: [] } });
      expect(res.statusCode).toBe(401);
    }
    expect((await h.app.inject({ method: 'POST', url: '/codec/session', headers: bearer(h.tokens.coder) })).statusCode).toBe(403);
    const viaQuery = await h.app.inject({ method: 'POST', url: `/codec/session?token=${h.tokens.supervisor}` });
    expect(viaQuery.statusCode).toBe(401);
    expect(viaQuery.headers['set-cookie']).toBeUndefined();
  });

  test('the session form page takes the token in a password field, never in the URL', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/codec/session' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('type="password"');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  test('every decode is written to the audit trail (who and how many payloads, never their content)', async () => {
    const codec = new AesGcmPayloadCodec(h.config.payloadKeys.current!);
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload({ lastName: 'Lovelace' })]);
    const res = await h.app.inject({ method: 'POST', url: '/codec/decode', headers: bearer(h.tokens.supervisor), payload: { payloads: [toWire(encrypted!)] } });
    const rows = await h.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', String(res.headers['x-request-id'])).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('POST /codec/decode');
    expect(rows[0]!.actor_roles).toContain('supervisor');
    expect(JSON.stringify(rows[0]!.details)).not.toContain('Lovelace');
  });

  test('CORS lets the Temporal Web UI origin call with credentials', async () => {
    const res = await h.app.inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: { origin: h.config.temporal.uiUrl ?? 'http://localhost:8233', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(res.statusCode).toBeLessThan(300);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });
});

describe('operations endpoints', () => {
  test('/healthz answers without a token; /readyz checks the database and Temporal', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });
  });

  test('/metrics is Prometheus text with request metrics by route template, never by id', async () => {
    await h.app.inject({ method: 'GET', url: '/v1/exams/ex_00000000000000000000', headers: bearer(h.tokens.supervisor) });
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('rcm_http_requests_total{method="GET",route="/v1/exams/:examId",status="404"}');
    expect(res.body).not.toContain('ex_00000000000000000000');
  });

  test('/docs serves the OpenAPI document generated from the zod schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/v1/exams'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('accessionNumber');
  });

  test('every route of the API contract is served: none is documented or answered as not built', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const notBuilt = Object.entries(doc.paths).flatMap(([url, ops]) => Object.entries(ops).filter(([, op]) => op.tags?.includes('not built yet')).map(([m]) => `${m} ${url}`));
    expect(notBuilt).toEqual([]);
    const kpis = await h.app.inject({ method: 'GET', url: '/v1/reports/kpis?from=2026-01-01&to=2026-01-31', headers: bearer(h.tokens.supervisor) });
    expect(kpis.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/v1/reports/kpis', headers: bearer(h.tokens.coder) })).statusCode).toBe(403);
  });

  test('an unknown route is a JSON 404', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v2/nothing', headers: bearer(h.tokens.supervisor) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
