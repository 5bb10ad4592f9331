import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * One server of the chaos run (PostgreSQL, Temporal, API, worker) as its own process group, so that a
 * SIGKILL takes the whole server down at once (a postmaster with its backends, a node process with
 * whatever it spawned), as a crash or an OOM kill would. Output goes to a log file per process, one
 * file for every start, so that the worker's logs can be searched afterwards.
 */
export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  logDir: string;
  /** resolves once the server serves (a port answers, a log line appears); rejects if it never does */
  ready: (proc: ManagedProcess) => Promise<void>;
}

export interface ExitRecord {
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** false when the harness killed it on purpose */
  unexpected: boolean;
}

/** Process groups started and not known to be gone: killed synchronously if the harness itself dies. */
const LIVE_GROUPS = new Set<number>();

/** Last resort on any exit of the harness (a crash included): SIGKILL to every group it started. */
export function killEveryGroupNow(): void {
  for (const pid of LIVE_GROUPS) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  LIVE_GROUPS.clear();
}

export class ManagedProcess {
  child?: ChildProcess;
  starts = 0;
  readonly exits: ExitRecord[] = [];
  readonly logFiles: string[] = [];
  private expectingExit = false;
  private output = '';
  private exitWaiters: (() => void)[] = [];

  constructor(readonly options: ManagedProcessOptions) {}

  get name(): string {
    return this.options.name;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  /** The output since the last start (what `ready` looks for). */
  recentOutput(): string {
    return this.output;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts += 1;
    this.expectingExit = false;
    this.output = '';
    const logFile = `${this.options.logDir}/${this.name}-${String(this.starts).padStart(2, '0')}.log`;
    this.logFiles.push(logFile);
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    const spawnOptions: SpawnOptions = {
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group: kill(-pid) reaches every process of the server
      detached: true,
      ...(this.options.uid !== undefined ? { uid: this.options.uid, gid: this.options.gid } : {}),
    };
    const child = spawn(this.options.command, this.options.args, spawnOptions);
    this.child = child;
    const take = (chunk: Buffer) => {
      log.write(chunk);
      // keep the tail only: readiness checks look at recent lines
      this.output = (this.output + chunk.toString('utf8')).slice(-64_000);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    if (child.pid) LIVE_GROUPS.add(child.pid);
    // 'close' comes after the last output: only then is the log file closed
    child.once('close', () => log.end());
    child.once('exit', (code, signal) => {
      this.exits.push({ at: Date.now(), code, signal, unexpected: !this.expectingExit });
      for (const w of this.exitWaiters.splice(0)) w();
    });
    await this.options.ready(this);
  }

  /** SIGKILL to the whole process group; resolves when the leader has exited. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM, then SIGKILL after `graceMs`: the orderly stop at the end of the run. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return this.killGroupLeftovers();
    const timer = setTimeout(() => this.sendToGroup('SIGKILL'), graceMs);
    await this.signal('SIGTERM');
    clearTimeout(timer);
    await this.killGroupLeftovers();
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.sendToGroup(signal);
    await exited;
  }

  /** Processes of the group that outlived their leader (postgres backends) get a SIGKILL too. */
  private async killGroupLeftovers(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid) return;
    for (let i = 0; i < 50; i += 1) {
      try {
        process.kill(-pid, 0);
      } catch {
        LIVE_GROUPS.delete(pid);
        return;
      }
      this.sendToGroup('SIGKILL');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private sendToGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  }

  /** After a kill: waits until no process of the group is left (a restart must not meet the old one). */
  async waitGroupGone(timeoutMs = 15_000): Promise<void> {
    const pid = this.child?.pid;
    if (!pid) return;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        process.kill(-pid, 0);
      } catch {
        LIVE_GROUPS.delete(pid);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    this.sendToGroup('SIGKILL');
  }
}

/** Waits until `check` resolves true, polling; throws after `timeoutMs` or when the process exits. */
export async function waitUntil(what: string, proc: ManagedProcess, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.running) throw new Error(`${proc.name} exited before ${what}:\n${proc.recentOutput().slice(-2000)}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${proc.name}: no ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
