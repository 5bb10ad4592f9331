import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json';
import type { Db } from '../database';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
// Any constant serialises appends so that each row chains onto the one before it.
const AUDIT_LOCK_KEY = 0x61756469; // "audi"

export interface AuditEntry {
  actorSub: string | null;
  actorRoles: string[];
  action: string;
  objectType: string | null;
  objectId: string | null;
  requestId: string;
  statusCode: number;
  /** No PHI: route, outcome, error code, ids. */
  details: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  id: string;
  at: string;
  prevHash: string;
  hash: string;
}

export function auditHash(prevHash: string, row: Omit<AuditRow, 'id' | 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(row)).digest('hex');
}

/**
 * Appends one row, chained by hash onto the previous row, in the caller's transaction or, outside one, in a
 * transaction shared with the rows other requests of this process append meanwhile (a group commit: one chain lock
 * and one commit for many rows). It resolves once its row is committed, as a transaction of its own would.
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<AuditRow> {
  if (db.isTransaction) return appendAuditIn(db, entry);
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new AuditBatcher(db)));
  return batcher.append(entry);
}

/** Rows in one group commit, at most. */
const AUDIT_BATCH_MAX = 200;
const batchers = new WeakMap<Db, AuditBatcher>();

class AuditBatcher {
  private queue: { entry: AuditEntry; resolve: (row: AuditRow) => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  append(entry: AuditEntry): Promise<AuditRow> {
    return new Promise<AuditRow>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, AUDIT_BATCH_MAX);
        try {
          const rows = await appendAuditRowsIn(this.db, batch.map((b) => b.entry));
          batch.forEach((b, k) => b.resolve(rows[k]!));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          // One row may be what failed: each goes again on its own, so the others are not refused for it.
          for (const b of batch) {
            await appendAuditRowsIn(this.db, [b.entry]).then(([row]) => b.resolve(row!), b.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

/** Runs `work` in the caller's transaction when `db` is one, else in a new one. */
export async function withTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx) => work(trx as unknown as Db));
}

async function appendAuditIn(trx: Db, entry: AuditEntry): Promise<AuditRow> {
  return (await appendAuditRowsIn(trx, [entry]))[0]!;
}

/**
 * Appends the rows in this order, each chained onto the one before, in one statement (`audit_log_append`): it takes
 * the chain lock, reads the last hash after the lock is held and chains the rows as `auditHash` does. Outside a
 * transaction the statement commits on its own, so a group commit costs one round trip.
 */
async function appendAuditRowsIn(db: Db, entries: AuditEntry[]): Promise<AuditRow[]> {
  // The time is taken here (not by a column default) so that it is part of what the hash covers.
  const at = new Date().toISOString();
  const rows = entries.map((entry) => ({
    at,
    actor_sub: entry.actorSub,
    actor_roles: entry.actorRoles,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    request_id: entry.requestId,
    status_code: entry.statusCode,
    details: entry.details,
    canonical: Buffer.from(canonicalJson({ ...entry, at }), 'utf8').toString('base64'),
  }));
  const { rows: appended } = await sql<{ row_id: string; row_prev_hash: string; row_hash: string }>`
    SELECT row_id, row_prev_hash, row_hash FROM audit_log_append(${AUDIT_LOCK_KEY}, ${JSON.stringify(rows)}::jsonb)`.execute(db);
  if (appended.length !== entries.length) throw new Error(`audit append wrote ${appended.length} of ${entries.length} rows`);
  return entries.map((entry, k) => ({ ...entry, at, id: String(appended[k]!.row_id), prevHash: appended[k]!.row_prev_hash, hash: appended[k]!.row_hash }));
}

export interface AuditFilter {
  actor?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** id of the last row of the previous page (rows come newest first) */
  before?: string;
  limit: number;
}

function toRow(r: {
  id: string | number;
  at: Date;
  actor_sub: string | null;
  actor_roles: string[];
  action: string;
  object_type: string | null;
  object_id: string | null;
  request_id: string;
  status_code: number;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}): AuditRow {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorSub: r.actor_sub,
    actorRoles: r.actor_roles,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    requestId: r.request_id,
    statusCode: r.status_code,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actor) q = q.where('actor_sub', '=', f.actor);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  if (f.before) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map(toRow);
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  /** the first row whose hash or link does not match, when the chain is broken */
  firstBrokenId?: string;
}

/** Recomputes the whole chain in id order, in batches. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = AUDIT_GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id', 'asc').limit(batchSize).execute();
    if (rows.length === 0) return { valid: true, checked };
    for (const raw of rows) {
      const row = toRow(raw);
      const { id: _id, hash, prevHash: storedPrev, ...content } = row;
      if (storedPrev !== prevHash || auditHash(prevHash, content) !== hash) return { valid: false, checked, firstBrokenId: row.id };
      prevHash = hash;
      afterId = row.id;
      checked += 1;
    }
  }
}

/**
 * True when a request for this object, other than `exceptRequestId` (the asking request, whose own intent row may
 * already be written), was audited as delivering this update id (its intent row): a retry of it.
 * With the object's type, the lookup is a range of `audit_log_object_idx` (type, id) on any PostgreSQL version.
 */
export async function hasAuditedUpdate(db: Db, objectId: string, updateId: string, objectType?: string, exceptRequestId?: string): Promise<boolean> {
  let query = db.selectFrom('audit_log').select('id');
  if (objectType !== undefined) query = query.where('object_type', '=', objectType);
  if (exceptRequestId !== undefined) query = query.where('request_id', '!=', exceptRequestId);
  const row = await query
    .where('object_id', '=', objectId)
    .where(sql<boolean>`details->>'updateId' = ${updateId}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
