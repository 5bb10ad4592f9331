import type { Pool } from 'pg';
import type { ManagedProcess } from './managed-process';
import type { Stack } from './stack';

/**
 * The faults of the chaos run and the supervisor that restarts what dies.
 * Worker kills come in three kinds: `submission` waits (up to 20 s) until the database shows a claim
 * submission recorded as prepared but not yet sent, `posting` until an 835 is being taken in or a claim
 * payment has reached the claim but not yet the ledger, and `any` kills at once. Every kill records the
 * submissions that were prepared-not-sent at that instant (what a re-send on retry would repeat).
 * PostgreSQL and Temporal are killed as a whole process group (SIGKILL) and started again on the same
 * data after a pause; the API likewise.
 */
export type FaultKind = 'worker' | 'postgres' | 'temporal' | 'api';
export type WorkerTarget = 'submission' | 'posting' | 'any';

export interface PreparedSubmission {
  claim_id: string;
  version: number;
  interchange_control_number: string;
  file_name: string;
}

export interface FaultRecord {
  kind: FaultKind;
  target?: WorkerTarget;
  /** false when the targeted moment did not come within the wait, and the kill came anyway */
  hit?: boolean;
  at: number;
  /** s since the run started */
  atS: number;
  downMs: number;
  restartMs: number;
  duringLoad: boolean;
  preparedAtKill?: PreparedSubmission[];
  error?: string;
}

export interface FaultPlanOptions {
  workerKills: number;
  postgresKills: number;
  temporalKills: number;
  apiKills: number;
}

/** Spreads the server faults among the worker kills; worker kills cycle through their targets. */
export function planFaults(o: FaultPlanOptions): { kind: FaultKind; target?: WorkerTarget }[] {
  const total = o.workerKills + o.postgresKills + o.temporalKills + o.apiKills;
  const slots: ({ kind: FaultKind; target?: WorkerTarget } | undefined)[] = new Array(total).fill(undefined);
  const place = (kind: FaultKind, count: number, offset: number) => {
    for (let i = 0; i < count; i += 1) {
      let at = Math.min(total - 1, Math.floor(((i + offset) / (count + 0.5)) * total));
      while (slots[at]) at = (at + 1) % total;
      slots[at] = { kind };
    }
  };
  place('temporal', o.temporalKills, 0.35);
  place('postgres', o.postgresKills, 0.6);
  place('api', o.apiKills, 0.5);
  const targets: WorkerTarget[] = ['submission', 'posting', 'any'];
  let w = 0;
  return slots.map((s) => s ?? { kind: 'worker' as const, target: targets[w++ % targets.length] });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FaultInjector {
  readonly records: FaultRecord[] = [];
  /** processes a fault is handling right now: the supervisor leaves them alone */
  private readonly held = new Set<ManagedProcess>();
  readonly restartFailures: { name: string; error: string }[] = [];
  supervisorRestarts: Record<string, number> = {};

  constructor(
    private readonly stack: Stack,
    private readonly watchDb: Pool,
    private readonly t0: number,
    private readonly pauseMs: { worker: number; server: number },
    private readonly log: (line: string) => void,
  ) {}

  private async preparedNow(): Promise<PreparedSubmission[]> {
    try {
      const r = await this.watchDb.query<PreparedSubmission>("SELECT claim_id, version, interchange_control_number, file_name FROM claim_submissions WHERE status = 'prepared'");
      return r.rows;
    } catch {
      return [];
    }
  }

  private async postingNow(): Promise<boolean> {
    try {
      const r = await this.watchDb.query(`
        SELECT 1 FROM x12_documents d WHERE d.direction = 'inbound' AND d.transaction_type = '835' AND d.outcome IS DISTINCT FROM 'routed' AND d.created_at > now() - interval '60 seconds'
        UNION ALL
        SELECT 1 FROM claim_status_history h
         WHERE h.source = '835' AND h.at > now() - interval '30 seconds'
           AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.claim_id = h.claim_id AND e.document_id = h.document_id)
        LIMIT 1`);
      return (r.rowCount ?? 0) > 0;
    } catch {
      return false;
    }
  }

  /** Waits (polling every 20 ms, at most `waitMs`) for the moment a targeted kill aims at. */
  private async awaitMoment(target: WorkerTarget, waitMs: number): Promise<boolean> {
    if (target === 'any') return true;
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (target === 'submission' ? (await this.preparedNow()).length > 0 : await this.postingNow()) return true;
      await sleep(20);
    }
    return false;
  }

  async inject(kind: FaultKind, target: WorkerTarget | undefined, duringLoad: boolean): Promise<FaultRecord> {
    const proc = this.stack[kind];
    this.held.add(proc);
    const record: FaultRecord = { kind, at: 0, atS: 0, downMs: 0, restartMs: 0, duringLoad };
    try {
      // a server the supervisor is still bringing back is first brought back
      if (!proc.running) await this.restart(proc, 'before a fault');
      if (kind === 'worker') {
        record.target = target ?? 'any';
        record.hit = await this.awaitMoment(record.target, 20_000);
      }
      const killedAt = Date.now();
      await proc.kill();
      record.at = killedAt;
      record.atS = Math.round((killedAt - this.t0) / 100) / 10;
      if (kind === 'worker') record.preparedAtKill = await this.preparedNow();
      await proc.waitGroupGone();
      await sleep(kind === 'worker' || kind === 'api' ? this.pauseMs.worker : this.pauseMs.server);
      const restartAt = Date.now();
      await this.restart(proc, 'after a kill');
      record.restartMs = Date.now() - restartAt;
      record.downMs = Date.now() - killedAt;
    } catch (err) {
      record.error = (err as Error).message.slice(0, 500);
    } finally {
      this.held.delete(proc);
    }
    this.records.push(record);
    this.log(`fault ${this.records.length}: ${kind}${record.target ? ` (${record.target}${record.hit === false ? ', moment not seen' : ''})` : ''} killed at ${record.atS}s, back after ${(record.downMs / 1000).toFixed(1)}s${record.error ? `, ERROR ${record.error}` : ''}`);
    return record;
  }

  /** Starts a process again, retrying (bounded) while what it depends on is still coming back. */
  async restart(proc: ManagedProcess, why: string): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      try {
        if (proc.running) return;
        await proc.start();
        return;
      } catch (err) {
        lastError = (err as Error).message.split('\n')[0]!.slice(0, 300);
        this.restartFailures.push({ name: proc.name, error: lastError });
        if (proc.running) await proc.kill().catch(() => undefined);
        await sleep(Math.min(1000 * attempt, 5000));
      }
    }
    throw new Error(`${proc.name} could not be started ${why}: ${lastError}`);
  }

  /** Brings back any server that died on its own (not killed by a fault), until `stop()`. */
  async supervise(stop: () => boolean): Promise<void> {
    while (!stop()) {
      for (const proc of this.stack.all()) {
        if (stop()) break;
        if (this.held.has(proc) || proc.running) continue;
        this.log(`${proc.name} exited on its own (${JSON.stringify(proc.exits.at(-1) ?? {})}): restarting`);
        this.supervisorRestarts[proc.name] = (this.supervisorRestarts[proc.name] ?? 0) + 1;
        this.held.add(proc);
        try {
          await this.restart(proc, 'after it exited');
        } catch (err) {
          this.log((err as Error).message);
        } finally {
          this.held.delete(proc);
        }
      }
      await sleep(500);
    }
  }
}
