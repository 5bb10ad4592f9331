import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export type SentState = 'staged' | 'sent';

/**
 * The filedrop's record of what it handed to the transfer agent: a file is `staged` (complete and
 * synced beside the outbox) before it is moved into the outbox, and `sent` after. The outbox itself
 * proves nothing: the agent empties it.
 */
export interface FiledropLedger {
  /** runs `fn` while no other sender (in any process sharing the ledger) works on the same file; `fn` reads and marks through the entry it is given */
  exclusive<T>(fileName: string, fn: (entry: LedgerEntry) => Promise<T>): Promise<T>;
}

/** One file's line of the ledger, while its sender holds it. */
export interface LedgerEntry {
  state(): Promise<SentState | undefined>;
  mark(state: SentState, sha256: string): Promise<void>;
}

/** Lock namespace of the filedrop's advisory locks (the second key is the file name's hash). */
const LOCK_CLASS = 0x0837;

/** The ledger in PostgreSQL (filedrop_sent_files), locked per file name with an advisory lock: safe across workers and restarts. */
export function postgresFiledropLedger(db: Db): FiledropLedger {
  return {
    async exclusive(fileName, fn) {
      // The entry reads and writes through the locked connection: a sender never holds one connection while waiting for another.
      return db.connection().execute(async (conn) => {
        await sql`SELECT pg_advisory_lock(${LOCK_CLASS}, hashtext(${fileName}))`.execute(conn);
        try {
          return await fn({
            async state() {
              const row = await conn.selectFrom('filedrop_sent_files').select('status').where('file_name', '=', fileName).executeTakeFirst();
              return row?.status;
            },
            async mark(state, sha256) {
              const sentAt = state === 'sent' ? { sent_at: new Date() } : {};
              await conn.insertInto('filedrop_sent_files').values({ file_name: fileName, sha256, status: state, ...sentAt })
                .onConflict((oc) => oc.column('file_name').doUpdateSet({ status: state, ...sentAt })).execute();
            },
          });
        } finally {
          await sql`SELECT pg_advisory_unlock(${LOCK_CLASS}, hashtext(${fileName}))`.execute(conn);
        }
      });
    },
  };
}

/** fsync a directory, so that a rename or a new file in it survives a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The ledger as fsync'd marker files in `<dir>/sent` (one per file: its state and digest), for a
 * filedrop without a database. Exclusive within this process only: one worker per filedrop folder.
 */
export function fileFiledropLedger(dir: string): FiledropLedger {
  const ledgerDir = path.join(dir, 'sent');
  const queues = new Map<string, Promise<unknown>>();
  const entry = (fileName: string): LedgerEntry => ({
    async state() {
      try {
        const text = await fs.readFile(path.join(ledgerDir, fileName), 'utf8');
        const state = text.split(' ')[0];
        return state === 'sent' || state === 'staged' ? state : undefined;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async mark(state, sha256) {
      await fs.mkdir(ledgerDir, { recursive: true });
      const target = path.join(ledgerDir, fileName);
      const tmp = `${target}.${state}.tmp`;
      const handle = await fs.open(tmp, 'w', 0o640);
      try {
        await handle.writeFile(`${state} ${sha256}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, target);
      await syncDirectory(ledgerDir);
    },
  });
  return {
    async exclusive(fileName, fn) {
      const run = () => fn(entry(fileName));
      const next = (queues.get(fileName) ?? Promise.resolve()).then(run, run);
      queues.set(fileName, next.catch(() => undefined));
      return next;
    },
  };
}
