import { createHmac } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the engine, read from the environment once at start and validated with zod.
 * A bad or missing setting stops the process with one clear line (see `loadConfig`).
 */
const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z.string().trim().min(1).optional();
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    RCM_DATA_DIR: z.string().trim().min(1).default('./.data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    API_HOST: z.string().trim().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    API_PUBLIC_URL: z.url().optional(),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
    /** how long an event update may take before the API answers 202 (accepted, look at the exam) */
    API_UPDATE_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** the longest a request may take, body included (Fastify requestTimeout) */
    API_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
    /** an idle or stalled client connection is closed after this (Fastify connectionTimeout) */
    API_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(75_000),

    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    /** the owner role the migrations run as (default: DATABASE_URL, warned about in production); DATABASE_URL is then the application's role */
    DATABASE_MIGRATION_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_PG_PORT: port.default(54329),

    TEMPORAL_ADDRESS: optionalString,
    TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
    TEMPORAL_TLS: flag,
    TEMPORAL_TLS_CERT_PATH: optionalString,
    TEMPORAL_TLS_KEY_PATH: optionalString,
    TEMPORAL_TLS_CA_PATH: optionalString,
    TEMPORAL_TLS_SERVER_NAME: optionalString,
    /** mTLS material as PEM text (a Kubernetes secret as a variable), instead of the *_PATH files */
    TEMPORAL_TLS_CERT: optionalString,
    TEMPORAL_TLS_KEY: optionalString,
    TEMPORAL_TLS_CA: optionalString,
    TEMPORAL_API_KEY: optionalString,
    TEMPORAL_TASK_QUEUE: z.string().trim().min(1).default('imaging-rcm'),
    TEMPORAL_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_UI_URL: z.url().optional(),
    /** the stack frames V8 records for an error or a promise in workflow code (the SDK's stack-trace query shows them) */
    WORKFLOW_STACK_FRAMES: z.coerce.number().int().min(0).max(100).default(4),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_JWKS_URL: z.url().optional(),
    JWT_ISSUER: optionalString,
    JWT_AUDIENCE: optionalString,
    /** signature algorithms accepted from the JWKS (HS256 only with JWT_SECRET) */
    JWT_ALGORITHMS: z
      .string()
      .trim()
      .regex(/^(RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA)(,(RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA))*$/, 'a comma list of asymmetric JWS algorithms like RS256,ES256')
      .default('RS256,ES256,PS256'),
    /** where the token carries the engine's roles: a claim name or a dotted path (realm_access.roles) */
    /** the staff console's OpenID Connect sign-in (authorization code + PKCE), offered when JWT_JWKS_URL is set */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: optionalString,
    OIDC_SCOPE: z.string().trim().regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'space-separated scope names').default('openid profile'),
    /** where the built staff console is (default dist/console beside the code) */
    CONSOLE_DIR: optionalString,
    JWT_ROLES_CLAIM: z.string().trim().regex(/^[A-Za-z0-9_:/.-]{1,200}$/, 'a claim name or dotted path').default('roles'),
    /** trust X-Forwarded-For from this many proxy hops (or these comma-separated addresses/CIDRs); off by default */
    API_TRUST_PROXY: optionalString,
    /** requests per minute from one address before authentication (anonymous and refused requests included) */
    API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().positive().default(3000),

    PAYLOAD_KEY: z
      .string()
      .trim()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    PAYLOAD_KEY_ID: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - only').optional(),
    PAYLOAD_PREVIOUS_KEYS: z
      .string()
      .trim()
      .regex(/^([A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{44})(,[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{44})*$/, 'id:base64key[,id:base64key...]')
      .optional(),

    /** the API's Ed25519 key for actor assertions on staff updates to exams: `kid:base64 32-byte seed` (API only) */
    ACTOR_SIGNING_KEY: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44}$/, 'kid:base64 (a 32-byte Ed25519 seed)').optional(),
    /** the public keys the worker believes actor assertions under: `kid:base64,...` (several during a rotation); set: updates without a valid one are refused */
    ACTOR_VERIFY_KEYS: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44})*$/, 'kid:base64[,kid:base64...] (32-byte Ed25519 public keys)')
      .optional(),
    /** signs checkpoints of the audit chain; held outside the database (default: derived from PAYLOAD_KEY) */
    AUDIT_CHECKPOINT_KEY: z
      .string()
      .trim()
      .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),
    AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),

    CLEARINGHOUSE: z.enum(['sandbox', 'filedrop']).default('sandbox'),
    FILEDROP_DIR: optionalString,

    WATCHDOG_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
    WATCHDOG_GRACE_MINUTES: z.coerce.number().int().min(1).max(10080).default(10),
    WATCHDOG_BATCH: z.coerce.number().int().min(1).max(5000).default(200),

    /** edits across the patient's other exams of the same date of service (NCCI, MUE, duplicates, GG, MPPR) */
    SAME_DAY_EDITS: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    /** key of the HMAC that stands for the patient (MRN at the facility, member id at the payer) in the same-day table; derived from PAYLOAD_KEY when not set */
    /** the worker's and the HL7 listener's /healthz and /readyz (unset: not served; the API serves its own) */
    HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
    HEALTH_PORT: port.optional(),
    /** the HL7 v2 MLLP listener (`npm run hl7`, also started by `npm start`) */
    HL7_HOST: z.string().trim().min(1).default('127.0.0.1'),
    HL7_PORT: port.default(2575),
    /** a framed message larger than this closes the connection (nothing of it is stored) */
    HL7_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
    /** the directory of the mapping profiles, one JSON file per sending application (validated at start) */
    HL7_PROFILES_DIR: z.string().trim().min(1).default('config/hl7-profiles'),
    /** the character set of MLLP traffic */
    HL7_ENCODING: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/).default('utf-8'),
    /** a result held for its order longer than this (hours) becomes an interface-error task */
    HL7_HOLD_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
    /** MLLP over TLS: the listener's certificate and key (PEM files); with HL7_TLS_CA, clients must present a certificate it signed */
    HL7_TLS_CERT: z.string().trim().min(1).optional(),
    HL7_TLS_KEY: z.string().trim().min(1).optional(),
    HL7_TLS_CA: z.string().trim().min(1).optional(),

    SAME_DAY_PATIENT_KEY: z
      .string()
      .trim()
      .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),
    /** key of the keyed hash that lets PHI stored encrypted be found by exact value (an MRN, a member id); derived from PAYLOAD_KEY when not set */
    PHI_LOOKUP_KEY: z
      .string()
      .trim()
      .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),

    /** OpenTelemetry traces over OTLP/HTTP: the collector's base URL (traces go to <url>/v1/traces); unset: no tracing */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** the full traces URL, when it is not <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces */
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** the service name on the spans (default imaging-rcm-api, -worker, -hl7 by process) */
    OTEL_SERVICE_NAME: z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - only').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PAYLOAD_KEY', 'PAYLOAD_KEY_ID'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
      }
    }
    if (env.JWT_JWKS_URL) {
      const url = new URL(env.JWT_JWKS_URL);
      const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
      if (url.protocol !== 'https:' && (env.NODE_ENV === 'production' || !local)) {
        ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'must be an https:// URL (http only for localhost outside production)' });
      }
    }
    if (env.PAYLOAD_KEY && !env.PAYLOAD_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['PAYLOAD_KEY_ID'], message: 'is required when PAYLOAD_KEY is set' });
    }
    if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_CERT_PATH'], message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together' });
    }
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_CERT'], message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together' });
    }
    if ((env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_CERT_PATH) || (env.TEMPORAL_TLS_CA && env.TEMPORAL_TLS_CA_PATH)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_CERT'], message: 'give the TLS material either as PEM (TEMPORAL_TLS_CERT/KEY/CA) or as files (*_PATH), not both' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  api: { host: string; port: number; publicUrl?: string; rateLimitPerMinute: number; rateLimitPerAddressPerMinute: number; trustProxy: boolean | number | string; updateDeadlineMs: number; requestTimeoutMs: number; connectionTimeoutMs: number };
  /** `url`: the application's role; `migrationUrl`: the owner role the migrations run as (not given to the API) */
  /** `applicationName`: what PostgreSQL shows for the process's connections, its service name (see `SERVICE_NAMES`) */
  database: { url?: string; migrationUrl?: string; poolMax: number; embeddedPort: number; applicationName: string };
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    tls?: { certPath?: string; keyPath?: string; caPath?: string; certPem?: string; keyPem?: string; caPem?: string; serverName?: string };
    apiKey?: string;
    devServerPort: number;
    uiPort: number;
    uiUrl?: string;
    /** WORKFLOW_STACK_FRAMES: see `withWorkflowStackFrames` */
    workflowStackFrames: number;
  };
  auth: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string; algorithms: string[]; rolesClaim: string };
  payloadKeys: { current?: { id: string; key: string }; previous: { id: string; key: string }[] };
  /** PHI at rest: the base64 key of the lookup hash (undefined -> derived from the payload key) */
  phiLookupKey?: string;
  clearinghouse: { kind: Env['CLEARINGHOUSE']; filedropDir?: string };
  /** actor assertions: the API signs staff updates (`signingKey`, not given to the worker), the worker verifies them (`verifyKeys`, not given to the API) */
  actorAssertion: { signingKey?: { kid: string; seed: string }; verifyKeys: { kid: string; key: string }[] };
  /** audit chain checkpoints: the signing key (base64; undefined -> derived from the payload key) and how often */
  auditCheckpoint: { key?: string; intervalMinutes: number };
  /** the stalled-exam watchdog: a sweep every `intervalMinutes`; an exam unchanged for `graceMinutes` is a candidate; at most `batchSize` exams asked of Temporal per sweep */
  watchdog: { intervalMinutes: number; graceMinutes: number; batchSize: number };
  /** same-day edits: on or off, and the base64 key of the patient HMAC (explicit, or derived from the payload key; absent: edits off) */
  sameDay?: { enabled: boolean; patientKey?: string };
  /** the staff console: its files and, with a JWKS, the OpenID Connect sign-in it offers */
  console?: { dir?: string; oidc?: { issuer: string; clientId: string; scope: string } };
  /** the HL7 v2 MLLP listener: where it listens, the largest message it takes, where the mapping profiles are */
  hl7?: { host: string; port: number; maxMessageBytes: number; profilesDir: string; encoding: string; holdHours: number; tls?: { certFile: string; keyFile: string; caFile?: string } };
  /** the health endpoints of the worker and the HL7 listener (absent: not served) */
  health?: { host: string; port: number };
  /** OpenTelemetry traces: where spans go (OTLP/HTTP) and the process's service name (absent: no tracing) */
  tracing?: { tracesUrl: string; serviceName: string };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Which process reads the configuration: the worker verifies no bearer token, so it needs (and is given)
 * no JWT secret; the API needs one in production, and is given no owner connection (it runs no migrations).
 * `all` is `npm start` (and the migration command), which runs everything.
 */
/** which process reads the configuration: each is given only the secrets it needs (`hl7`: the listener, neither tokens nor the owner role) */
export type ProcessKind = 'api' | 'worker' | 'hl7' | 'all';

export function parseConfig(source: NodeJS.ProcessEnv, kind: ProcessKind = 'api'): Config {
  // An empty variable (`DATABASE_URL=` in an env file) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = EnvSchema.superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production' || kind === 'worker' || kind === 'hl7') return;
    if (!env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET or JWT_JWKS_URL is required in production' });
    }
    // A token of another application of the same identity provider must not be taken for one of ours.
    for (const key of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  }).safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = result.data;
  const tlsWanted = e.TEMPORAL_TLS || e.TEMPORAL_TLS_CERT_PATH || e.TEMPORAL_TLS_CA_PATH || e.TEMPORAL_TLS_CERT || e.TEMPORAL_TLS_CA;
  return {
    env: e.NODE_ENV,
    dataDir: path.resolve(e.RCM_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicUrl: e.API_PUBLIC_URL,
      rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
      rateLimitPerAddressPerMinute: e.API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
      trustProxy: trustProxyOf(e.API_TRUST_PROXY),
      updateDeadlineMs: e.API_UPDATE_DEADLINE_MS,
      requestTimeoutMs: e.API_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: e.API_CONNECTION_TIMEOUT_MS,
    },
    database: { url: e.DATABASE_URL, migrationUrl: kind === 'api' || kind === 'hl7' ? undefined : e.DATABASE_MIGRATION_URL, poolMax: e.DATABASE_POOL_MAX, embeddedPort: e.EMBEDDED_PG_PORT, applicationName: SERVICE_NAMES[kind] },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls: tlsWanted
        ? {
            certPath: e.TEMPORAL_TLS_CERT_PATH, keyPath: e.TEMPORAL_TLS_KEY_PATH, caPath: e.TEMPORAL_TLS_CA_PATH,
            certPem: e.TEMPORAL_TLS_CERT, keyPem: e.TEMPORAL_TLS_KEY, caPem: e.TEMPORAL_TLS_CA, serverName: e.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      apiKey: e.TEMPORAL_API_KEY,
      devServerPort: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL,
      workflowStackFrames: e.WORKFLOW_STACK_FRAMES,
    },
    // The worker is not given the token secret even when its environment holds one.
    auth: { secret: kind === 'worker' || kind === 'hl7' ? undefined : e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, algorithms: e.JWT_ALGORITHMS.split(','), rolesClaim: e.JWT_ROLES_CLAIM },
    payloadKeys: {
      current: e.PAYLOAD_KEY && e.PAYLOAD_KEY_ID ? { id: e.PAYLOAD_KEY_ID, key: e.PAYLOAD_KEY } : undefined,
      previous: (e.PAYLOAD_PREVIOUS_KEYS ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [id, key] = pair.split(':') as [string, string];
          return { id, key };
        }),
    },
    phiLookupKey: e.PHI_LOOKUP_KEY,
    clearinghouse: { kind: e.CLEARINGHOUSE, filedropDir: e.FILEDROP_DIR },
    actorAssertion: {
      signingKey: kind === 'worker' || kind === 'hl7' || !e.ACTOR_SIGNING_KEY ? undefined : keyPair(e.ACTOR_SIGNING_KEY, 'seed'),
      verifyKeys: kind === 'api' || kind === 'hl7' ? [] : (e.ACTOR_VERIFY_KEYS ?? '').split(',').filter(Boolean).map((v) => keyPair(v, 'key')),
    },
    auditCheckpoint: { key: e.AUDIT_CHECKPOINT_KEY, intervalMinutes: e.AUDIT_CHECKPOINT_MINUTES },
    watchdog: { intervalMinutes: e.WATCHDOG_INTERVAL_MINUTES, graceMinutes: e.WATCHDOG_GRACE_MINUTES, batchSize: e.WATCHDOG_BATCH },
    hl7: { host: e.HL7_HOST, port: e.HL7_PORT, maxMessageBytes: e.HL7_MAX_MESSAGE_BYTES, profilesDir: path.resolve(e.HL7_PROFILES_DIR), encoding: e.HL7_ENCODING, holdHours: e.HL7_HOLD_HOURS, ...(e.HL7_TLS_CERT ? { tls: { certFile: e.HL7_TLS_CERT, keyFile: e.HL7_TLS_KEY ?? '', ...(e.HL7_TLS_CA ? { caFile: e.HL7_TLS_CA } : {}) } } : {}) },
    console: {
      dir: e.CONSOLE_DIR ? path.resolve(e.CONSOLE_DIR) : undefined,
      oidc: e.JWT_JWKS_URL && e.OIDC_ISSUER && e.OIDC_CLIENT_ID ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, scope: e.OIDC_SCOPE } : undefined,
    },
    health: e.HEALTH_PORT === undefined ? undefined : { host: e.HEALTH_HOST, port: e.HEALTH_PORT },
    tracing: tracingOf(e, kind),
    sameDay: { enabled: e.SAME_DAY_EDITS, patientKey: e.SAME_DAY_PATIENT_KEY ?? derivedPatientKey(e.PAYLOAD_KEY, e.NODE_ENV) },
  };
}

/** Each process's service name: on its traces (unless OTEL_SERVICE_NAME says otherwise) and its database connections. */
export const SERVICE_NAMES: Record<ProcessKind, string> = { api: 'imaging-rcm-api', worker: 'imaging-rcm-worker', hl7: 'imaging-rcm-hl7', all: 'imaging-rcm' };

/** Traces are on when an OTLP endpoint is configured: the traces URL given, or the base URL's /v1/traces. */
function tracingOf(e: Env, kind: ProcessKind): Config['tracing'] {
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return tracesUrl ? { tracesUrl, serviceName: e.OTEL_SERVICE_NAME ?? SERVICE_NAMES[kind] } : undefined;
}

function keyPair<K extends 'seed' | 'key'>(value: string, name: K): { kid: string } & Record<K, string> {
  const at = value.indexOf(':');
  return { kid: value.slice(0, at), [name]: value.slice(at + 1) } as { kid: string } & Record<K, string>;
}

/** API_TRUST_PROXY: unset -> trust no proxy; a number -> that many hops; otherwise addresses/CIDRs. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * The same-day patient key when none is configured: an HMAC of a fixed label under the payload key, so one
 * setting keeps both secret (rotating the payload key changes it: set SAME_DAY_PATIENT_KEY to keep matches
 * across a rotation). Development without a payload key uses a fixed development key.
 */
function derivedPatientKey(payloadKey: string | undefined, env: Env['NODE_ENV']): string | undefined {
  if (payloadKey) return createHmac('sha256', Buffer.from(payloadKey, 'base64')).update('imaging-rcm same-day patient key v1').digest('base64');
  return env === 'development' ? createHmac('sha256', 'imaging-rcm development').update('same-day patient key').digest('base64') : undefined;
}

/** Parses the process environment; on error prints one line and exits with status 78 (configuration error). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, kind: ProcessKind = 'api'): Config {
  try {
    return parseConfig(source, kind);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`imaging-rcm: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
