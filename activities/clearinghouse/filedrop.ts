import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClearinghousePort, OutboundFile } from './port';

export const FILEDROP_FOLDERS = ['outbox', 'inbox', 'processing', 'archive', 'quarantine'] as const;

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

/**
 * The batch clearinghouse pattern (SFTP mailbox): outbound X12 files are written atomically into
 * `<dir>/outbox` for the transfer agent; responses arrive in `<dir>/inbox` and are taken by the
 * poller (filedrop-poller.ts). There is no real-time path: eligibility, prior authorization and claim
 * status answer null (the workflow opens a task for staff).
 */
export function createFiledropClearinghouse(dir: string): ClearinghousePort {
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
      const target = path.join(dir, 'outbox', file.name);
      try {
        // Idempotent on the name: a file already handed over is not written again.
        const existing = await fs.readFile(target, 'utf8');
        if (existing === file.x12) return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      await writeFileAtomically(target, file.x12);
    },
  };
}
