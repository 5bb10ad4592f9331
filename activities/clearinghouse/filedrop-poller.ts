import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { type IngestionLimits, ingestionLimits } from '../ingestion/ingestion-limits';
import { receiveAndDeliver } from '../ingestion/start-ingestion';
import { ensureFiledropFolders, writeFileAtomically } from './filedrop';

export interface FiledropPollerOptions {
  db: Db;
  temporal: Client;
  /** the task queue of the ingestion workflows */
  taskQueue: string;
  dir: string;
  /** default 5 seconds */
  intervalMs?: number;
  /** a file left in `processing/` this long was abandoned by a poller that died (default 60 seconds) */
  processingStaleMs?: number;
  limits?: IngestionLimits;
  now?: () => Date;
  onError?: (err: Error) => void;
}

export interface PollReport {
  processed: string[];
  duplicates: string[];
  quarantined: string[];
  /** left in the inbox to retry (e.g. the database was unreachable) */
  deferred: string[];
  /** taken again from `processing/`, where a poller that died left them */
  recovered: string[];
}

export interface FiledropPoller {
  pollOnce(): Promise<PollReport>;
  /** polls now, then every intervalMs until stopped */
  start(): void;
  stop(): Promise<void>;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function moveUnique(from: string, dir: string, name: string): Promise<string> {
  let target = path.join(dir, name);
  for (let i = 1; ; i += 1) {
    try {
      await fs.access(target);
      target = path.join(dir, `${name}.${i}`);
    } catch {
      break;
    }
  }
  await fs.rename(from, target);
  return target;
}

/** Hidden and temporary files (a transfer still writing) wait; so do files another poller is taking again. */
const waiting = (name: string) => name.startsWith('.') || /\.(tmp|part|filepart)$/i.test(name);

/**
 * Takes the files of `<dir>/inbox` through the one inbound path: each is claimed by an atomic rename into
 * `<dir>/processing` (several workers may poll the same directory), stored and handed to its ingestion workflow,
 * then moved to `<dir>/archive` (taken, or a repeat of a file taken before) or `<dir>/quarantine` with
 * `<name>.reason.txt` (not X12, over the file limits, or not a response the engine takes). A file a dead poller
 * left in `processing/` is taken again on a later poll (the inbound path takes a file once).
 */
export function createFiledropPoller(options: FiledropPollerOptions): FiledropPoller {
  const now = options.now ?? (() => new Date());
  const dir = options.dir;
  const limits = options.limits ?? ingestionLimits();
  const staleMs = options.processingStaleMs ?? 60_000;

  async function take(claimed: string, name: string, report: PollReport, recovery: boolean): Promise<void> {
    const raw = await fs.readFile(claimed);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    let result: Awaited<ReturnType<typeof receiveAndDeliver>>;
    try {
      result = await receiveAndDeliver({ db: options.db, temporal: options.temporal, taskQueue: options.taskQueue, limits }, { raw: new Uint8Array(raw), source: 'inbox', fileName: name });
    } catch (err) {
      // Not the file's fault: give it back to the inbox for the next poll (stored already, it is a repeat then).
      await fs.rename(claimed, path.join(dir, 'inbox', name)).catch(() => undefined);
      report.deferred.push(name);
      options.onError?.(err as Error);
      return;
    }
    const archivedName = `${stamp(now())}-${name}`;
    if (result.ok) {
      await moveUnique(claimed, path.join(dir, 'archive'), archivedName);
      const status = recovery ? 'recovered' : result.duplicate ? 'duplicate' : 'processed';
      await recordInbound(options.db, name, sha256, status, result.fileId, null);
      if (recovery) report.recovered.push(name);
      else (result.duplicate ? report.duplicates : report.processed).push(name);
    } else {
      const moved = await moveUnique(claimed, path.join(dir, 'quarantine'), archivedName);
      const reason = `${result.error.code}: ${result.error.message}${result.error.segmentPosition ? ` (segment ${result.error.segmentPosition}${result.error.segmentId ? ` ${result.error.segmentId}` : ''})` : ''}\n`;
      await writeFileAtomically(`${moved}.reason.txt`, reason);
      await recordInbound(options.db, name, sha256, 'quarantined', null, reason.trim());
      report.quarantined.push(name);
    }
  }

  /** Files a poller claimed and never finished (it died): older than `staleMs` in `processing/`. */
  async function recoverAbandoned(report: PollReport): Promise<void> {
    const processing = path.join(dir, 'processing');
    for (const entry of await fs.readdir(processing, { withFileTypes: true })) {
      if (!entry.isFile() || waiting(entry.name)) continue;
      const at = path.join(processing, entry.name);
      const stat = await fs.stat(at).catch(() => undefined);
      // the rename into processing/ changed the file's ctime: that is when it was claimed
      if (!stat || Date.now() - stat.ctime.getTime() < staleMs) continue;
      // claimed again by a rename, so that two pollers never take the same abandoned file
      const reclaimed = path.join(processing, `.recover-${randomBytes(6).toString('hex')}`);
      try {
        await fs.rename(at, reclaimed);
      } catch {
        continue;
      }
      await take(reclaimed, entry.name, report, true);
    }
  }

  async function pollOnce(): Promise<PollReport> {
    const report: PollReport = { processed: [], duplicates: [], quarantined: [], deferred: [], recovered: [] };
    await ensureFiledropFolders(dir);
    await recoverAbandoned(report);
    const names = (await fs.readdir(path.join(dir, 'inbox'), { withFileTypes: true }))
      .filter((e) => e.isFile() && !waiting(e.name))
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      const claimed = path.join(dir, 'processing', name);
      try {
        await fs.rename(path.join(dir, 'inbox', name), claimed);
      } catch {
        continue; // another poller took it
      }
      await take(claimed, name, report, false);
    }
    return report;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = pollOnce()
      .catch((err: Error) => options.onError?.(err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 5000);
      });
  };
  return {
    pollOnce,
    start: tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

async function recordInbound(db: Db, fileName: string, sha256: string, status: 'processed' | 'duplicate' | 'quarantined' | 'recovered', documentId: string | null, reason: string | null) {
  await db.insertInto('inbound_files').values({ file_name: fileName, sha256, status, document_id: documentId, reason }).execute();
}

/**
 * Starts polling `<dir>/inbox` every `intervalMs` in this process (the worker). Returns the poller;
 * call `stop()` on shutdown (it waits for the poll in progress).
 */
export function startFiledropPoller(options: FiledropPollerOptions): FiledropPoller {
  const poller = createFiledropPoller(options);
  poller.start();
  return poller;
}

/**
 * The worker's inbox poller when the configuration selects the filedrop clearinghouse
 * (CLEARINGHOUSE=filedrop, FILEDROP_DIR); undefined otherwise. Stop it on shutdown.
 */
export function startConfiguredInboxPoller(deps: { db: Db; temporal: Client; config: Config; intervalMs?: number; onError?: (err: Error) => void }): FiledropPoller | undefined {
  const { kind, filedropDir } = deps.config.clearinghouse;
  if (kind !== 'filedrop' || !filedropDir) return undefined;
  return startFiledropPoller({
    db: deps.db,
    temporal: deps.temporal,
    taskQueue: deps.config.temporal.taskQueue,
    dir: filedropDir,
    ...(deps.intervalMs ? { intervalMs: deps.intervalMs } : {}),
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
}
