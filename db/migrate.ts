import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './database';
import { migrations } from './migrations';

/** Brings the schema up to date. Safe to run from several instances at once (the migrator takes a lock). */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Migrations of parallel work may land out of name order; each is independent of the others.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  return result;
}
