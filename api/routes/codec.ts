import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '../../platform/payload-codec';
import { ApiError } from '../errors';
import { CODEC_COOKIE } from '../plugins/auth';

const Base64 = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const WirePayload = z.object({ metadata: z.record(z.string(), Base64).default({}), data: Base64.default('') });
const PayloadsBody = z.object({ payloads: z.array(WirePayload).max(1000) });

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

/**
 * The remote codec the Temporal Web UI and CLI call to show histories in clear text to a supervisor.
 * The UI sends no bearer token: a supervisor opens GET /codec/session?token=... once, which sets an
 * HttpOnly cookie scoped to /codec, and ticks "Include cross-origin credentials" in the UI's codec settings.
 */
export const codecRoutes: FastifyPluginAsyncZod<{ codec: AesGcmPayloadCodec; temporalUiUrl?: string }> = async (app, opts) => {
  const access = { roles: ['supervisor'] as const };
  const common = { config: { access, audit: false as const }, schema: { tags: ['codec'], body: PayloadsBody, response: { 200: PayloadsBody } } };

  app.post('/codec/encode', common, async (request) => ({ payloads: (await opts.codec.encode(request.body.payloads.map(fromWire))).map(toWire) }));

  app.post('/codec/decode', common, async (request) => {
    try {
      return { payloads: (await opts.codec.decode(request.body.payloads.map(fromWire))).map(toWire) };
    } catch (err) {
      if (err instanceof PayloadDecryptionError) throw new ApiError(422, 'undecodable_payload', err.message);
      throw err;
    }
  });

  app.get(
    '/codec/session',
    {
      config: { access: 'public' },
      schema: { tags: ['codec'], summary: 'Sets the codec cookie for the Temporal Web UI (supervisor token)', querystring: z.object({ token: z.string().min(10).max(4096) }) },
    },
    async (request, reply) => {
      const principal = await app.verifier.verify(request.query.token);
      if (!principal.roles.includes('supervisor')) throw new ApiError(403, 'forbidden', 'the codec needs the supervisor role');
      void reply.header('Set-Cookie', `${CODEC_COOKIE}=${encodeURIComponent(request.query.token)}; Path=/codec; HttpOnly; SameSite=Lax; Max-Age=${8 * 3600}`);
      if (opts.temporalUiUrl) return reply.redirect(opts.temporalUiUrl, 303);
      return { status: 'ok' };
    },
  );
};
