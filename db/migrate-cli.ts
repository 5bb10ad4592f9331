import { loadConfig } from '../platform/config';
import { createDb } from './database';
import { migrateToLatest, migrationUrlOf } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'all');
  const url = migrationUrlOf(config, (line) => process.stderr.write(`imaging-rcm: ${line}\n`));
  if (!url) {
    process.stderr.write('imaging-rcm: DATABASE_MIGRATION_URL (or DATABASE_URL) is required for npm run migrate\n');
    process.exit(78);
  }
  const db = createDb(url, 1);
  try {
    const result = await migrateToLatest(db);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
  } finally {
    await db.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm: ${err.message}\n`);
  process.exit(1);
});
