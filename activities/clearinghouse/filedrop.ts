import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database';
import { type FiledropLedger, fileFiledropLedger, postgresFiledropLedger, syncDirectory } from './filedrop-ledger';
import type { ClearinghousePort, OutboundFile } from './port';

/** `staging` holds outbound files complete and synced before they move into the outbox (same file system: the move is atomic). */
export const FILEDROP_FOLDERS = ['outbox', 'inbox', 'processing', 'archive', 'quarantine', 'staging'] as const;

/** Outbound file names are ours and deterministic; anything else is refused before it touches disk. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export async function ensureFiledropFolders(dir: string): Promise<void> {
  for (const f of FILEDROP_FOLDERS) await fs.mkdir(path.join(dir, f), { recursive: true });
}

/** Write a file so that a reader sees either nothing or all of it: a temporary name, then rename. */
export async function writeFileAtomically(target: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', 0o640);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, target);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface FiledropOptions {
  /** the sent ledger in PostgreSQL (the worker's); without it, fsync'd marker files in `<dir>/sent` */
  db?: Db;
  ledger?: FiledropLedger;
}

/**
 * The batch clearinghouse pattern (SFTP mailbox): outbound X12 files go into `<dir>/outbox` for the
 * transfer agent; responses arrive in `<dir>/inbox` and are taken by the poller (filedrop-poller.ts).
 * Each file is handed over once, ever, whatever crashes: it is written complete into `staging`,
 * recorded as staged in the sent ledger, moved into the outbox in one rename, and recorded as sent. A
 * retry after a crash finds the ledger: staged and still in `staging` -> moved now; staged and gone
 * from `staging` -> it was moved (the agent may have taken it since) -> recorded as sent; sent ->
 * nothing. There is no real-time path: eligibility, prior authorization and claim status answer null
 * (the workflow opens a task for staff).
 */
export function createFiledropClearinghouse(dir: string, options: FiledropOptions = {}): ClearinghousePort {
  const ledger = options.ledger ?? (options.db ? postgresFiledropLedger(options.db) : fileFiledropLedger(dir));
  return {
    kind: 'filedrop',
    async eligibility() {
      return null;
    },
    async priorAuthorization() {
      return null;
    },
    async claimStatus() {
      return null;
    },
    async submit(file: OutboundFile) {
      if (!SAFE_NAME.test(file.name)) throw new Error('outbound file name is not safe');
      await ensureFiledropFolders(dir);
      const sha256 = createHash('sha256').update(file.x12, 'utf8').digest('hex');
      const staged = path.join(dir, 'staging', file.name);
      const target = path.join(dir, 'outbox', file.name);
      const moveIntoOutbox = async () => {
        await fs.rename(staged, target);
        await syncDirectory(path.join(dir, 'outbox'));
        await syncDirectory(path.join(dir, 'staging'));
      };
      await ledger.exclusive(file.name, async (entry) => {
        const state = await entry.state();
        if (state === 'sent') return;
        if (state === 'staged') {
          if (await exists(staged)) await moveIntoOutbox();
          await entry.mark('sent', sha256);
          return;
        }
        // Handed over before the ledger existed and still waiting in the outbox: recorded, not written again.
        if ((await readIfPresent(target)) === file.x12) {
          await entry.mark('sent', sha256);
          return;
        }
        await writeFileAtomically(staged, file.x12);
        await syncDirectory(path.join(dir, 'staging'));
        await entry.mark('staged', sha256);
        await moveIntoOutbox();
        await entry.mark('sent', sha256);
      });
    },
  };
}
