import { Migrator, type MigrationResultSet, sql } from 'kysely';
import type { Config } from '../platform/config';
import { outageOf } from '../platform/outage';
import type { Db } from './database';
import { migrations } from './migrations';

export interface WaitOptions {
  /** give up after this long (default 60 s) */
  timeoutMs?: number;
  /** told before each retry: no PHI, the error's code or message */
  onWait?: (reason: string, attempt: number) => void;
}

/**
 * Waits until the database accepts connections and queries: retried with backoff (0.25 s doubling to 5 s)
 * while it refuses them (ECONNREFUSED, `57P03 the database system is starting up`, a dropped connection),
 * at most `timeoutMs`; any other error (bad password, unknown database) fails at once.
 */
export async function waitForDatabase(db: Db, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const giveUpAt = Date.now() + timeoutMs;
  let delay = 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sql`select 1`.execute(db);
      return;
    } catch (err) {
      if (outageOf(err) !== 'database') throw err;
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      if (Date.now() + delay > giveUpAt) {
        throw new Error(`the database did not accept connections within ${Math.round(timeoutMs / 1000)} s (last: ${reason})`);
      }
      options.onWait?.(reason, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

/**
 * Brings the schema up to date once the database accepts connections. Safe to run from several
 * instances at once (the migrator takes a lock).
 */
export async function migrateToLatest(db: Db, wait: WaitOptions = {}): Promise<MigrationResultSet> {
  await waitForDatabase(db, wait);
  // Migrations of parallel work may land out of name order; each is independent of the others.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  return result;
}

/**
 * The connection the migrations run with: DATABASE_MIGRATION_URL (the owner role), or DATABASE_URL when it is not
 * set (then the application's role owns the tables, the audit trail included: said once in production).
 */
export function migrationUrlOf(config: Config, warn: (line: string) => void): string | undefined {
  if (config.database.migrationUrl) return config.database.migrationUrl;
  if (config.env === 'production') {
    warn('DATABASE_MIGRATION_URL is not set: the migrations run as the DATABASE_URL role, which then owns the audit tables and could alter them (see SECURITY.md)');
  }
  return config.database.url;
}
