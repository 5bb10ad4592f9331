import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { ingestionLimits } from '../ingestion/ingestion-limits';
import { receiveAndDeliver } from '../ingestion/start-ingestion';
import { createFiledropClearinghouse } from './filedrop';
import type { ClearinghousePort } from './port';
import { createSandboxClearinghouse } from './sandbox';
import { postgresSandboxReceipts } from './sandbox-receipts';

/**
 * The clearinghouse the configuration names (CLEARINGHOUSE=sandbox|filedrop, FILEDROP_DIR), with its
 * memory of what went out in PostgreSQL: the sandbox's received files, the filedrop's sent ledger.
 */
export function createClearinghouse(deps: { db: Db; temporal: Client; config: Config }): ClearinghousePort {
  const { kind, filedropDir } = deps.config.clearinghouse;
  if (kind === 'filedrop') {
    if (!filedropDir) throw new Error('CLEARINGHOUSE=filedrop needs FILEDROP_DIR');
    return createFiledropClearinghouse(filedropDir, { db: deps.db });
  }
  return createSandboxClearinghouse({
    // the payer's answers take the inbound path of uploads: stored, then delivered by their ingestion workflow
    deliver: (file) => receiveAndDeliver({ db: deps.db, temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueue, limits: ingestionLimits() }, { raw: file.x12, source: 'sandbox', fileName: file.name }),
    receipts: postgresSandboxReceipts(deps.db),
    // claims sent before the payer kept its receipts (older deployments) count as received
    claimsReceived: (claimIds) => claimsSent(deps.db, claimIds),
  });
}

/** The claim of an outbound file, when an earlier file (another version) carried it. */
export async function claimsSentBefore(db: Db, fileName: string): Promise<ReadonlySet<string>> {
  const m = /^837[PI]-(.+)-v(\d+)(-appeal\d+)?\.x12$/.exec(fileName);
  if (!m) return new Set();
  const earlier = await db.selectFrom('claim_submissions').select('version').where('claim_id', '=', m[1]!).where('version', '<', Number(m[2])).executeTakeFirst();
  return earlier || m[3] ? new Set([m[1]!]) : new Set();
}

/** Of the given claims, those with a version that went out (the payer has received them). */
export async function claimsSent(db: Db, claimIds: readonly string[]): Promise<ReadonlySet<string>> {
  if (claimIds.length === 0) return new Set();
  const rows = await db.selectFrom('claim_submissions').select('claim_id').distinct().where('claim_id', 'in', [...claimIds]).where('status', '=', 'sent').execute();
  return new Set(rows.map((r) => r.claim_id));
}
