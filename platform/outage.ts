import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';

/** Which backing service an error says is unreachable: the API answers 503, the worker waits and retries. */
export type Outage = 'database' | 'temporal';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
/** SQLSTATE: class 08 connection exception; 57P01-57P03 shutdown / crash / starting up; 53300 too many connections. */
const PG_OUTAGE_STATES = /^(08...|57P0[1-3]|53300)$/;
const PG_OUTAGE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'the database system is starting up',
  'the database system is shutting down',
];
/** gRPC status codes meaning "not reachable now": 4 DEADLINE_EXCEEDED, 8 RESOURCE_EXHAUSTED, 14 UNAVAILABLE. */
const GRPC_OUTAGE_CODES = new Set([4, 8, 14]);

/** The error and everything it wraps (`cause`, AggregateError's `errors`), depth-bounded. */
function* chain(err: unknown, depth = 0): Generator<unknown> {
  if (err === null || err === undefined || depth > 6) return;
  yield err;
  if (typeof err !== 'object') return;
  const e = err as { cause?: unknown; errors?: unknown };
  if (e.cause !== undefined && e.cause !== err) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors.slice(0, 8)) yield* chain(inner, depth + 1);
}

/** Errors are read by shape, not `instanceof`: socket errors come from Node's own realm (and pg's from its copy). */
const messageOf = (e: unknown): string => (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : '');

function isPgOutage(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_OUTAGE_STATES.test(code))) return true;
  const message = messageOf(e);
  return PG_OUTAGE_MESSAGES.some((m) => message.includes(m));
}

function isTemporalOutage(e: unknown): boolean {
  if (e instanceof ServiceError || e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcServiceError(e)) return GRPC_OUTAGE_CODES.has(e.code);
  return /Failed to connect before the deadline|Failed to connect to Temporal server/.test(messageOf(e));
}

/** 'temporal' or 'database' when the error says that service cannot be reached now; undefined otherwise. */
export function outageOf(err: unknown): Outage | undefined {
  const all = [...chain(err)];
  if (all.some(isTemporalOutage)) return 'temporal';
  if (all.some(isPgOutage)) return 'database';
  return undefined;
}

/** Seconds a client should wait before retrying during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
