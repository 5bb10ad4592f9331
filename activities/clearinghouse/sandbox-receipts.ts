import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { SandboxResponseFile } from '../../domain/sandbox-payer';
import { heartbeat } from '../heartbeat';

/** How long a sender may take to deliver a file's answers before another takes over. */
const DELIVERY_LEASE_SECONDS = 30;

/**
 * What the sandbox payer keeps of the claim files it received. `record` is the payer's processing:
 * the answers it made of a file are stored with its receipt in one write, keyed by the file name, so
 * a file is processed once however often and by however many processes it is sent. Delivering the
 * answers is separate and may be repeated (the inbound path takes an identical file once).
 */
export interface SandboxReceiptStore {
  has(fileName: string): Promise<boolean>;
  /** true when this call recorded the file (it was never received before) */
  record(file: { name: string; sha256: string; claimId: string | undefined }, responses: readonly SandboxResponseFile[]): Promise<boolean>;
  /** hands the file's answers to `deliver` until once complete; callers for one file wait for each other */
  deliverOnce(fileName: string, deliver: (responses: readonly SandboxResponseFile[]) => Promise<void>): Promise<void>;
  /** the claim of a file, when an earlier file (another name) carried it: a corrected resubmission or an appeal */
  claimsSeenBefore(claimId: string | undefined, fileName: string): Promise<ReadonlySet<string>>;
  /** of the given claims, those the payer has received */
  claimsReceived(claimIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/** The payer's memory in PostgreSQL (sandbox_received_files): it survives restarts and is shared by every worker. */
export function postgresSandboxReceipts(db: Db): SandboxReceiptStore {
  return {
    async has(fileName) {
      return Boolean(await db.selectFrom('sandbox_received_files').select('file_name').where('file_name', '=', fileName).executeTakeFirst());
    },
    async record(file, responses) {
      const inserted = await db
        .insertInto('sandbox_received_files')
        .values({ file_name: file.name, sha256: file.sha256, claim_id: file.claimId ?? null, responses: JSON.stringify(responses) })
        .onConflict((oc) => oc.column('file_name').doNothing())
        .returning('file_name')
        .executeTakeFirst();
      return Boolean(inserted);
    },
    async deliverOnce(fileName, deliver) {
      // A lease, not a held lock: the delivery (the inbound path) needs connections of its own. Concurrent
      // senders wait for the holder; a delivery cut short by a crash is taken over once its lease lapses.
      for (;;) {
        const taken = await db.updateTable('sandbox_received_files')
          .set({ delivering_until: sql`now() + make_interval(secs => ${DELIVERY_LEASE_SECONDS})` })
          .where('file_name', '=', fileName).where('delivered_at', 'is', null)
          .where((eb) => eb.or([eb('delivering_until', 'is', null), eb('delivering_until', '<', sql<Date>`now()`)]))
          .returning('responses')
          .executeTakeFirst();
        if (taken) {
          try {
            await deliver(taken.responses);
          } catch (err) {
            await db.updateTable('sandbox_received_files').set({ delivering_until: null }).where('file_name', '=', fileName).execute();
            throw err;
          }
          await db.updateTable('sandbox_received_files').set({ delivered_at: sql`now()`, delivering_until: null }).where('file_name', '=', fileName).execute();
          return;
        }
        const row = await db.selectFrom('sandbox_received_files').select('delivered_at').where('file_name', '=', fileName).executeTakeFirst();
        if (!row || row.delivered_at) return;
        heartbeat();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async claimsSeenBefore(claimId, fileName) {
      if (!claimId) return new Set();
      const earlier = await db.selectFrom('sandbox_received_files').select('file_name').where('claim_id', '=', claimId).where('file_name', '<>', fileName).limit(1).executeTakeFirst();
      return earlier ? new Set([claimId]) : new Set();
    },
    async claimsReceived(claimIds) {
      if (claimIds.length === 0) return new Set();
      const rows = await db.selectFrom('sandbox_received_files').select('claim_id').distinct().where('claim_id', 'in', [...claimIds]).execute();
      return new Set(rows.flatMap((r) => (r.claim_id ? [r.claim_id] : [])));
    },
  };
}

/** The payer's memory in this process only (tests and demos without a database). */
export function memorySandboxReceipts(): SandboxReceiptStore {
  const files = new Map<string, { claimId: string | undefined; responses: readonly SandboxResponseFile[]; delivered: boolean }>();
  const queues = new Map<string, Promise<void>>();
  return {
    async has(fileName) {
      return files.has(fileName);
    },
    async record(file, responses) {
      if (files.has(file.name)) return false;
      files.set(file.name, { claimId: file.claimId, responses, delivered: false });
      return true;
    },
    async deliverOnce(fileName, deliver) {
      const run = async () => {
        const f = files.get(fileName);
        if (!f || f.delivered) return;
        await deliver(f.responses);
        f.delivered = true;
      };
      const next = (queues.get(fileName) ?? Promise.resolve()).then(run, run);
      queues.set(fileName, next.catch(() => undefined));
      await next;
    },
    async claimsSeenBefore(claimId, fileName) {
      if (!claimId) return new Set();
      return [...files.entries()].some(([name, f]) => name !== fileName && f.claimId === claimId) ? new Set([claimId]) : new Set();
    },
    async claimsReceived(claimIds) {
      const received = new Set([...files.values()].map((f) => f.claimId));
      return new Set(claimIds.filter((id) => received.has(id)));
    },
  };
}
