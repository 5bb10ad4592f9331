import fs from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { listFacilities } from '../../db/repositories/organisation-lists';
import type { Config } from '../../platform/config';
import { ApiError } from '../errors';
import { fileResponse, json, publicErrorResponses } from '../schemas/common';

/** The built console: CONSOLE_DIR, else dist/console of this checkout (from the sources or from dist/). */
export function consoleDir(config: Config): string {
  if (config.console?.dir) return config.console.dir;
  const root = path.resolve(__dirname, '../..');
  return path.basename(root) === 'dist' ? path.join(root, 'console') : path.join(root, 'dist', 'console');
}

/** The origins the console's pages may talk to: the API itself and, for the sign-in, the OpenID Connect issuer. */
function connectSources(config: Config): string[] {
  const sources = ["'self'"];
  const issuer = config.console?.oidc?.issuer;
  if (issuer) sources.push(new URL(issuer).origin);
  return sources;
}

/**
 * Security headers on every answer (helmet): a Content-Security-Policy that lets a page load only this
 * server's own scripts and styles (no inline script, no eval), never be framed, and send forms and
 * requests nowhere else. The API documentation (/docs, swagger-ui) is given the inline styles it draws with.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { config: Config }) => {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': connectSources(opts.config),
        'frame-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // Documents (PDF statements) and the Temporal Web UI's codec calls come from other origins' pages as they did.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.config.api.publicUrl?.startsWith('https://') ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/docs' || request.url.startsWith('/docs/')) {
      // swagger-ui styles its elements inline and shows the validator badge; still only its own scripts, never framed.
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
      );
    }
    return payload;
  });
});

const ConsoleConfig = z.object({
  oidc: z.object({ issuer: z.string(), clientId: z.string(), scope: z.string() }).nullable(),
  rolesClaim: z.string(),
  timeZones: z.record(z.string(), z.string()),
  defaultTimeZone: z.string().nullable(),
});

/** What the console needs before anyone signs in: the OpenID Connect client (if any) and the facilities' time zones. */
async function publicConfig(app: FastifyInstance, config: Config): Promise<z.infer<typeof ConsoleConfig>> {
  const zones: Record<string, string> = {};
  try {
    for (const f of await listFacilities(app.db)) if (f.record?.timeZone) zones[f.id] = f.record.timeZone;
  } catch (err) {
    app.log.warn({ err: { name: (err as Error).name } }, 'facility time zones not read for the console');
  }
  const distinct = [...new Set(Object.values(zones))];
  return {
    oidc: config.console?.oidc ? { issuer: config.console.oidc.issuer, clientId: config.console.oidc.clientId, scope: config.console.oidc.scope } : null,
    rolesClaim: config.auth.rolesClaim,
    timeZones: zones,
    /** the one time zone of every facility, when they share one (else the browser's) */
    defaultTimeZone: distinct.length === 1 ? distinct[0]! : null,
  };
}

/**
 * The staff console at /console: the static build (Vite, `npm run build`), index.html for every page of
 * the app (a reload of /console/exams/… works), /console/config.json. When the console was not built the
 * API says so (501) instead of a bare 404.
 */
export const consolePlugin = fp(async (app: FastifyInstance, opts: { config: Config }) => {
  const dir = consoleDir(opts.config);
  const built = fs.existsSync(path.join(dir, 'index.html'));
  const page = (description: string) => ({
    config: { access: 'public' as const },
    schema: { hide: true, response: { 200: fileResponse(['text/html', 'text/javascript', 'text/css', 'image/svg+xml'], description), ...publicErrorResponses(404, 501) } },
  });
  const configRoute = { config: { access: 'public' as const }, schema: { hide: true, response: { 200: json(ConsoleConfig, 'The sign-in the console offers and the facilities\' time zones'), ...publicErrorResponses() } } };

  app.get('/console/config.json', configRoute, async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return publicConfig(app, opts.config);
  });

  if (!built) {
    const notBuilt = async () => {
      throw new ApiError(501, 'console_not_built', 'the staff console is not built: run `npm run build` (it writes dist/console) and restart the API');
    };
    app.get('/console', page('The console (not built)'), notBuilt);
    app.get('/console/*', page('The console (not built)'), notBuilt);
    return;
  }

  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: dir, prefix: '/console/', wildcard: false, index: false, decorateReply: true, serve: false });
    const index = fs.readFileSync(path.join(dir, 'index.html'));
    const sendIndex = async (_request: unknown, reply: FastifyReply) =>
      reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
    scope.get('/console', page('The console'), sendIndex);
    scope.get('/console/', page('The console'), sendIndex);
    scope.get('/console/*', page('A page of the console (the app) or one of its files'), async (request, reply) => {
      const rest = (request.params as { '*': string })['*'];
      if (rest.startsWith('assets/')) {
        // hashed file names: cached for good; a file that is not there is a 404, never the app
        const file = path.join(dir, rest);
        if (!file.startsWith(path.join(dir, 'assets') + path.sep) || !fs.existsSync(file)) throw new ApiError(404, 'not_found', 'no such console file');
        return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(rest);
      }
      if (/\.[a-z0-9]+$/i.test(rest)) {
        const file = path.join(dir, rest);
        if (file.startsWith(dir + path.sep) && fs.existsSync(file)) return reply.sendFile(rest);
        throw new ApiError(404, 'not_found', 'no such console file');
      }
      return sendIndex(request, reply);
    });
  });
});
