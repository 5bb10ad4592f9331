import { createDb } from '../db/database';
import { encryptPhiAtRest } from '../db/phi-migration';
import { loadConfig } from '../platform/config';
import { withDevSecrets } from '../platform/dev-secrets';
import { phiCipherOf } from '../platform/phi-cipher';

/**
 * `npm run phi:encrypt`: encrypts the PHI stored in clear (rows written before encryption at rest) and
 * re-encrypts values under a previous payload key with the current one. Safe to run again, and while
 * the engine runs. Prints counts only, never a value.
 */
async function main(): Promise<void> {
  // Outside production, the key the engine generated in the data directory (as the API and worker use it).
  const config = withDevSecrets(loadConfig(process.env, 'worker'), 'worker');
  const cipher = phiCipherOf(config);
  if (!config.database.url || !cipher) {
    process.stderr.write('imaging-rcm: npm run phi:encrypt needs DATABASE_URL, PAYLOAD_KEY and PAYLOAD_KEY_ID (and PAYLOAD_PREVIOUS_KEYS for values under earlier keys)\n');
    process.exit(78);
  }
  const arg = process.argv.indexOf('--batch');
  const batchSize = arg > 0 ? Number(process.argv[arg + 1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    process.stderr.write('imaging-rcm: --batch takes a whole number from 1 to 10000\n');
    process.exit(64);
  }
  const db = createDb(config.database.url, 2);
  try {
    const counts = await encryptPhiAtRest(db, cipher, { batchSize });
    for (const [table, c] of Object.entries(counts)) {
      process.stdout.write(`${table}: ${c.rows} rows, ${c.encrypted} encrypted under key ${cipher.currentKeyId}\n`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`imaging-rcm: phi:encrypt stopped (${err.name}: ${err.message}); run it again to continue\n`);
  process.exit(1);
});
