import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Db } from '../database';

/**
 * Checkpoints of the audit chain: every so often the id and hash of the chain's last row, signed with a
 * key the database does not hold (AUDIT_CHECKPOINT_KEY, or one derived from the payload key). The chain
 * alone shows a row changed in the middle; a checkpoint also shows rows removed from the end, or a tail
 * rewritten and re-chained by someone with write access to the database. Each checkpoint is also written
 * to the process log, a copy outside the database.
 */
export interface CheckpointKey { id: string; key: Buffer }

export function checkpointKey(configured: string | undefined, payloadKey: { id: string; key: string } | undefined): CheckpointKey | undefined {
  if (configured) return { id: 'audit-checkpoint-key', key: Buffer.from(configured, 'base64') };
  if (!payloadKey) return undefined;
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(payloadKey.key, 'base64'), Buffer.alloc(0), 'imaging-rcm audit checkpoint', 32));
  return { id: `derived:${payloadKey.id}`, key };
}

function sign(key: Buffer, lastId: string, lastHash: string, at: string): string {
  return createHmac('sha256', key).update(`${lastId}\n${lastHash}\n${at}`).digest('hex');
}

export interface Checkpoint { lastAuditId: string; lastHash: string; at: string; signature: string; keyId: string }

/** Signs the chain's current end; nothing when the chain is empty or has not moved since the last checkpoint. */
export async function writeCheckpoint(db: Db, key: CheckpointKey, now = new Date()): Promise<Checkpoint | undefined> {
  const last = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return undefined;
  const previous = await db.selectFrom('audit_checkpoints').select('last_audit_id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (previous && String(previous.last_audit_id) === String(last.id)) return undefined;
  const at = now.toISOString();
  const checkpoint = { lastAuditId: String(last.id), lastHash: last.hash, at, keyId: key.id, signature: sign(key.key, String(last.id), last.hash, at) };
  await db.insertInto('audit_checkpoints').values({ at, last_audit_id: checkpoint.lastAuditId, last_hash: checkpoint.lastHash, key_id: key.id, signature: checkpoint.signature }).execute();
  return checkpoint;
}

export interface CheckpointVerification {
  valid: boolean;
  checkpoints: number;
  /** what does not match, when something does not */
  problem?: { checkpointAt: string; lastAuditId: string; reason: 'signature' | 'row-missing' | 'hash-differs' };
}

/** Every checkpoint signed under the key, and the row it names still there with the hash it had. */
export async function verifyCheckpoints(db: Db, key: CheckpointKey): Promise<CheckpointVerification> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'asc').execute();
  let checked = 0;
  for (const c of rows) {
    const at = c.at.toISOString();
    const lastId = String(c.last_audit_id);
    const problem = (reason: NonNullable<CheckpointVerification['problem']>['reason']) => ({ valid: false, checkpoints: checked, problem: { checkpointAt: at, lastAuditId: lastId, reason } });
    if (c.key_id !== key.id) continue; // signed under an earlier key: not checkable with this one
    const expected = Buffer.from(sign(key.key, lastId, c.last_hash, at));
    const given = Buffer.from(c.signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return problem('signature');
    const row = await db.selectFrom('audit_log').select('hash').where('id', '=', lastId).executeTakeFirst();
    if (!row) return problem('row-missing');
    if (row.hash !== c.last_hash) return problem('hash-differs');
    checked += 1;
  }
  return { valid: true, checkpoints: checked };
}
