import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';

// bigint (int8) columns come back as strings by default; counts and cents fit in a JS number.
types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<Database>;

export interface DbOptions {
  /** called (without PHI: name, code, message) when a pool or client connection fails; the query in flight rejects on its own */
  onConnectionError?: (err: Error) => void;
  /** how long a query waits for a connection before it fails (and the API answers 503) */
  connectionTimeoutMs?: number;
  /**
   * what PostgreSQL shows for the pool's connections (`pg_stat_activity.application_name`): each service names its
   * own; an `application_name` in the URL takes precedence
   */
  applicationName?: string;
}

/**
 * One pool per process (api, worker); closed with `db.destroy()`. A connection that dies (a PostgreSQL
 * restart, `pg_terminate_backend`) never takes the process with it: the pool's idle clients and every
 * client checked out of it have an error listener; the query in flight fails, the pool opens a new
 * connection for the next one.
 */
export function createDb(url: string, poolMax = 10, options: DbOptions = {}): Db {
  const pool = new Pool({
    connectionString: url,
    max: poolMax,
    application_name: options.applicationName ?? 'imaging-rcm',
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
  });
  const report = (err: Error) => options.onConnectionError?.(err);
  // Idle clients: the pool removes them and emits here.
  pool.on('error', report);
  // Checked-out clients: pg removes the pool's listener while a client is lent, so each gets its own.
  pool.on('connect', (client) => client.on('error', report));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
