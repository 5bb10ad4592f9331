import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import type { Config } from '../platform/config';
import { AesGcmPayloadCodec } from '../platform/payload-codec';
import { CodecSessions } from './codec-session';
import { registerErrorHandling } from './errors';
import { registerRateLimits } from './plugins/rate-limits';
import { auditPlugin } from './plugins/audit';
import { auditCheckpointPlugin } from './plugins/audit-checkpoints';
import { checkpointKey } from '../db/repositories/audit-checkpoints';
import { inputGuardPlugin } from './plugins/input-guard';
import { type TokenVerifier, authPlugin, createTokenVerifier } from './plugins/auth';
import { metricsPlugin } from './plugins/metrics';
import { requestTracingPlugin } from './plugins/request-tracing';
import { tracingFor } from '../platform/tracing';
import { consolePlugin, securityHeadersPlugin } from './plugins/console';
import { auditRoutes } from './routes/audit';
import { claimRoutes } from './routes/claims';
import { codecRoutes } from './routes/codec';
import { examHistoryRoutes } from './routes/exam-history';
import { examRoutes } from './routes/exams';
import { healthRoutes } from './routes/health';
import { documentRoutes } from './routes/documents';
import { ledgerRoutes } from './routes/ledger';
import { payerRoutes } from './routes/payers';
import { chargemasterRoutes } from './routes/chargemaster';
import { payerContractRoutes } from './routes/payer-contracts';
import { taskRoutes } from './routes/tasks';
import { notBuiltRoutes } from './routes/not-built';
import { organisationRoutes } from './routes/organisations';
import { payerResponseRoutes } from './routes/payer-responses';
import { reportRoutes } from './routes/reports';
import { interfaceMessageRoutes } from './routes/interface-messages';
import { createInterfaceReplay } from './interface-error-work';
import { type ActorSigningKey, privateKeyOf } from '../platform/actor-assertion';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    temporal: Client;
    taskQueue: string;
    updateDeadlineMs: number;
    verifier: TokenVerifier;
    /** signs staff updates to exams (actor assertions); undefined when ACTOR_SIGNING_KEY is not set */
    actorSigner: ActorSigningKey | undefined;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  temporal: Client;
  logger?: FastifyServerOptions['logger'];
}

/** Log lines carry no PHI: no bodies, no query strings (tokens, filters), no authorization header. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.patient', '*.memberId', '*.birthDate'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}

/**
 * The HTTP API: translation between HTTP and Temporal/PostgreSQL and nothing else.
 * The caller owns the database pool and the Temporal connection (one of each per process).
 */
export async function buildApp({ config, db, temporal, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: 10 * 1024 * 1024,
    // No request holds a socket forever: a slow or stalled client is cut off; event updates answer 202 well before.
    requestTimeout: config.api.requestTimeoutMs,
    connectionTimeout: config.api.connectionTimeoutMs,
    // Request ids are ours: a client's X-Request-Id is never taken for one (it would let a client forge audit correlation).
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // X-Forwarded-For is believed only from the proxies configured (API_TRUST_PROXY), else a client could pick its own address.
    // (a number is a hop count, which Fastify takes although its types do not list it)
    trustProxy: config.api.trustProxy as boolean | string,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // OTEL_EXPORTER_OTLP_ENDPOINT set: a span per request, parent of the Temporal calls it makes.
  const tracing = tracingFor(config);
  if (tracing) await app.register(requestTracingPlugin, { tracer: tracing.tracer });

  const verifier = createTokenVerifier(config.auth);
  app.decorate('db', db);
  app.decorate('temporal', temporal);
  app.decorate('taskQueue', config.temporal.taskQueue);
  app.decorate('updateDeadlineMs', config.api.updateDeadlineMs);
  app.decorate('verifier', verifier);
  app.decorate('actorSigner', config.actorAssertion.signingKey ? { kid: config.actorAssertion.signingKey.kid, key: privateKeyOf(config.actorAssertion.signingKey.seed) } : undefined);
  app.decorate('interfaceReplay', createInterfaceReplay({ config, db, temporal }));
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('X-Request-Id', request.id);
    return payload;
  });

  await app.register(securityHeadersPlugin, { config });

  const temporalUiUrl = config.temporal.uiUrl ?? (config.temporal.address ? undefined : `http://localhost:${config.temporal.uiPort}`);
  await app.register(cors, {
    origin: temporalUiUrl ? [temporalUiUrl, temporalUiUrl.replace('localhost', '127.0.0.1')] : false,
    credentials: true,
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-namespace', 'x-request-id'],
  });
  await registerRateLimits(app, config.api);
  await app.register(swagger, {
    openapi: {
      info: { title: 'imaging-rcm API', version: '1', description: 'Revenue-cycle engine for imaging centers' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas named with `.meta({ id })` (api/schemas/) become components, referenced by the routes.
    transformObject: jsonSchemaTransformObject,
  });
  app.addHook('onRoute', (route) => {
    // The documentation pages are public; every other route declares its access.
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), access: 'public' };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  const { current, previous } = config.payloadKeys;
  const codecSessions = current ? new CodecSessions(current.key) : undefined;
  await app.register(authPlugin, { verifier, ...(codecSessions ? { codecSessions } : {}) });
  app.addHook('onRequest', app.limitBySubject);
  await app.register(inputGuardPlugin);
  await app.register(auditPlugin, { db });
  const checkpointSigningKey = checkpointKey(config.auditCheckpoint.key, config.payloadKeys.current);
  if (checkpointSigningKey) await app.register(auditCheckpointPlugin, { key: checkpointSigningKey, intervalMinutes: config.auditCheckpoint.intervalMinutes });
  await app.register(metricsPlugin);

  await app.register(healthRoutes);
  await app.register(examRoutes);
  await app.register(taskRoutes);
  await app.register(payerRoutes);
  await app.register(chargemasterRoutes);
  await app.register(payerContractRoutes);
  await app.register(examHistoryRoutes, { temporalUiUrl, namespace: config.temporal.namespace });
  await app.register(auditRoutes, { checkpointKey: checkpointSigningKey });
  await app.register(claimRoutes);
  await app.register(ledgerRoutes);
  await app.register(documentRoutes);
  await app.register(payerResponseRoutes);
  await app.register(reportRoutes);
  await app.register(organisationRoutes);
  await app.register(interfaceMessageRoutes);
  if (current && codecSessions) {
    const secureCookies = config.api.publicUrl?.startsWith('https://') ?? false;
    await app.register(codecRoutes, { codec: new AesGcmPayloadCodec(current, previous), sessions: codecSessions, temporalUiUrl, secureCookies });
  }

  await app.register(consolePlugin, { config });

  // Last: the contract's routes that no plugin above serves answer 501.
  await app.register(notBuiltRoutes);

  return app;
}
