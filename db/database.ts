import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';

// bigint (int8) columns come back as strings by default; counts and cents fit in a JS number.
types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<Database>;

/** One pool per process (api, worker); closed with `db.destroy()`. */
export function createDb(url: string, poolMax = 10): Db {
  const pool = new Pool({ connectionString: url, max: poolMax, application_name: 'imaging-rcm' });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
