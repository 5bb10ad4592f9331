import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '../../platform/payload-codec';
import { ApiError } from '../errors';
import type { CodecSessions } from '../codec-session';
import { CODEC_COOKIE } from '../plugins/auth';
import { errorResponses, fileResponse, publicErrorResponses } from '../schemas/common';

const Base64 = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const WirePayload = z.object({ metadata: z.record(z.string(), Base64).default({}), data: Base64.default('') });
const PayloadsBody = z.object({ payloads: z.array(WirePayload).max(1000) });
const CodecSession = z.object({ status: z.literal('open'), expiresInSeconds: z.number() });

function fromWire(p: z.infer<typeof WirePayload>): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data, 'base64'),
  };
}

function toWire(p: Payload) {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

const SESSION_PAGE = (uiUrl: string | undefined) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>imaging-rcm codec session</title></head>
<body><main>
<h1>Open a codec session for the Temporal Web UI</h1>
<p>Paste a supervisor bearer token. It is sent once in an Authorization header; the browser keeps only a
15-minute session cookie for the codec.</p>
<form id="f"><label>Supervisor token <input id="t" type="password" autocomplete="off" required></label>
<button type="submit">Open session</button></form><p id="m" role="status"></p>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch('/codec/session', { method: 'POST', credentials: 'same-origin', headers: { authorization: 'Bearer ' + document.getElementById('t').value.trim() } });
  if (res.ok) { ${uiUrl ? `location.href = ${JSON.stringify(uiUrl)};` : "document.getElementById('m').textContent = 'Session open.';"} }
  else document.getElementById('m').textContent = 'Refused: ' + res.status;
});
</script></main></body></html>`;

/**
 * The remote codec the Temporal Web UI and CLI call to show histories in clear text to a supervisor,
 * and nobody else: every decode is written to the audit log. The UI sends no bearer token: a supervisor
 * opens a session once (POST /codec/session with the token in the Authorization header, or the form at
 * GET /codec/session), which sets an opaque, HttpOnly, SameSite=Strict cookie scoped to /codec for at most
 * 15 minutes (Secure over https), and ticks "Include cross-origin credentials" in the UI's codec settings.
 */
export const codecRoutes: FastifyPluginAsyncZod<{ codec: AesGcmPayloadCodec; sessions: CodecSessions; temporalUiUrl?: string; secureCookies: boolean }> = async (app, opts) => {
  const access = { roles: ['supervisor'] as const };
  const schema = { tags: ['codec'], body: PayloadsBody, response: { 200: PayloadsBody, ...errorResponses(413, 415, 422) } };

  app.post('/codec/encode', { config: { access, audit: false as const }, schema }, async (request) => ({ payloads: (await opts.codec.encode(request.body.payloads.map(fromWire))).map(toWire) }));

  // A decode shows PHI in clear: each one is audited (who, when, how many payloads).
  app.post('/codec/decode', { config: { access, audit: { objectType: 'payload', reads: true } }, schema }, async (request) => {
    request.auditDetails = { payloads: String(request.body.payloads.length) };
    try {
      return { payloads: (await opts.codec.decode(request.body.payloads.map(fromWire))).map(toWire) };
    } catch (err) {
      if (err instanceof PayloadDecryptionError) throw new ApiError(422, 'undecodable_payload', err.message);
      throw err;
    }
  });

  app.get('/codec/session', { config: { access: 'public' }, schema: { tags: ['codec'], summary: 'A form that opens a codec session (the token is never put in a URL)', response: { 200: fileResponse(['text/html'], 'The page with the form'), ...publicErrorResponses() } } }, async (_request, reply) => {
    void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').header('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'none'");
    return SESSION_PAGE(opts.temporalUiUrl);
  });

  app.post(
    '/codec/session',
    { config: { access, audit: { objectType: 'codec-session' } }, schema: { tags: ['codec'], summary: 'Opens a codec session for the Temporal Web UI: sets a short-lived session cookie (supervisor)', response: { 200: CodecSession, ...errorResponses() } } },
    async (request, reply) => {
      const session = opts.sessions.create(request.principal!);
      const secure = opts.secureCookies || request.protocol === 'https' ? '; Secure' : '';
      void reply.header('Set-Cookie', `${CODEC_COOKIE}=${session.value}; Path=/codec; HttpOnly; SameSite=Strict; Max-Age=${session.maxAgeSeconds}${secure}`);
      void reply.header('Cache-Control', 'no-store');
      return { status: 'open', expiresInSeconds: session.maxAgeSeconds };
    },
  );
};
