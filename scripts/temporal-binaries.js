'use strict';
// Locates (and, when asked, builds) the two Temporal servers the engine runs on:
//   - the dev server: tools/temporal-dev, a small Go program of this repository on the Temporal server
//     module (go.temporal.io/server, version pinned in tools/temporal-dev/go.mod) with SQLite persistence
//     and the Temporal Web UI; it takes the flags of `temporal server start-dev`;
//   - the time-skipping test server, the Maven artifact io.temporal:temporal-test-server at a pinned version.
// Order of preference: an env override, then a cached local build, then building it with the local
// toolchain (Go, or Maven with a JDK), then (when the toolchain is missing) the Temporal SDK's own
// download, which the callers fall back to when this returns null.
// Plain JavaScript so that it runs before anything is compiled.

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEV_SERVER_SOURCE = path.join(__dirname, '..', 'tools', 'temporal-dev');
const TEST_SERVER_VERSION = '1.38.0';
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';

function cacheRoot() {
  if (process.env.RCM_CACHE_DIR) return path.resolve(process.env.RCM_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'imaging-rcm');
}

function hasDevServerSource() {
  return fs.existsSync(path.join(DEV_SERVER_SOURCE, 'go.mod'));
}

/** The go.temporal.io/server version tools/temporal-dev builds against (from its go.mod). */
function devServerVersion() {
  const goMod = fs.readFileSync(path.join(DEV_SERVER_SOURCE, 'go.mod'), 'utf8');
  const m = /^\s*go\.temporal\.io\/server\s+(v\S+)/m.exec(goMod);
  if (!m) throw new Error('tools/temporal-dev/go.mod does not require go.temporal.io/server');
  return m[1];
}

/** The cached build, keyed by the server version and by the program's own sources. */
function cliCachePath() {
  const hash = crypto.createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(fs.readFileSync(path.join(DEV_SERVER_SOURCE, file)));
  const key = `${devServerVersion()}-${hash.digest('hex').slice(0, 12)}`;
  return path.join(cacheRoot(), `temporal-dev-${key}`, 'temporal-dev');
}

function testServerDir() {
  return path.join(cacheRoot(), `temporal-test-server-${TEST_SERVER_VERSION}`);
}

function testServerCachePath() {
  return path.join(testServerDir(), 'temporal-test-server');
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function has(command, args) {
  const r = spawnSync(command, args, { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * The dev server's path, or null when the SDK download has to be used. Throws on a bad override.
 * TEMPORAL_CLI_PATH may name this repository's temporal-dev or a Temporal CLI (same flags).
 */
function resolveTemporalCli() {
  const override = process.env.TEMPORAL_CLI_PATH;
  if (override) {
    if (!isExecutable(override)) throw new Error(`TEMPORAL_CLI_PATH=${override} is not an executable file`);
    return override;
  }
  if (!hasDevServerSource()) return null; // e.g. the production image, which ships no Go sources
  const cached = cliCachePath();
  return isExecutable(cached) ? cached : null;
}

/** The time-skipping test server launcher, or null when the SDK download has to be used. */
function resolveTestServer() {
  const override = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (override) {
    if (!isExecutable(override)) throw new Error(`TEMPORAL_TEST_SERVER_PATH=${override} is not an executable file`);
    return override;
  }
  const cached = testServerCachePath();
  return isExecutable(cached) ? cached : null;
}

function log(message) {
  process.stderr.write(`[temporal-binaries] ${message}\n`);
}

function buildTemporalCli() {
  const target = cliCachePath();
  const binDir = path.dirname(target);
  const tmp = `${target}.tmp-${process.pid}`;
  fs.mkdirSync(binDir, { recursive: true });
  log(`building the Temporal dev server (go.temporal.io/server ${devServerVersion()}) from tools/temporal-dev with Go (first run only; takes several minutes)`);
  const started = Date.now();
  const r = spawnSync('go', ['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', tmp, '.'], {
    cwd: DEV_SERVER_SOURCE,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (r.status !== 0 || !isExecutable(tmp)) {
    fs.rmSync(tmp, { force: true });
    throw new Error('go build of tools/temporal-dev failed (see the output above)');
  }
  fs.renameSync(tmp, target);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  return target;
}

function buildTestServer() {
  const dir = testServerDir();
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  log(`fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven (first run only)`);
  fs.writeFileSync(
    path.join(tmp, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.imaging-rcm</groupId><artifactId>temporal-test-server-launcher</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
  </dependencies>
</project>
`,
  );
  const r = spawnSync('mvn', ['-q', '-B', '-f', path.join(tmp, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(tmp, 'lib')}`, '-DincludeScope=runtime'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error('mvn could not fetch the Temporal test server (see the output above)');
  const launcher = path.join(tmp, 'temporal-test-server');
  fs.writeFileSync(
    launcher,
    `#!/bin/sh\n# Temporal time-skipping test server ${TEST_SERVER_VERSION}; usage: temporal-test-server <port>\nexec java -Xss1m -XX:+UseSerialGC -cp "$(dirname "$0")/lib/*" ${TEST_SERVER_MAIN} "$@"\n`,
  );
  fs.chmodSync(launcher, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return testServerCachePath();
}

/**
 * Makes sure both servers are available, building what is missing with the local toolchains.
 * Returns { cli, testServer }; a null entry means the SDK's own download will be used.
 */
function obtain({ quiet = false } = {}) {
  let cli = resolveTemporalCli();
  if (!cli && hasDevServerSource() && has('go', ['version'])) cli = buildTemporalCli();
  let testServer = resolveTestServer();
  if (!testServer && has('mvn', ['-v']) && has('java', ['-version'])) testServer = buildTestServer();
  if (!quiet) {
    log(`dev server:  ${cli ?? "none built here: the Temporal SDK will download it (needs internet)"}`);
    log(`test server: ${testServer ?? "none built here: the Temporal SDK will download it (needs internet)"}`);
  }
  return { cli, testServer };
}

module.exports = {
  devServerVersion,
  TEST_SERVER_VERSION,
  cacheRoot,
  resolveTemporalCli,
  resolveTestServer,
  obtain,
};

if (require.main === module) {
  try {
    obtain();
  } catch (err) {
    log(`error: ${err.message}`);
    log('Install Go (for the dev server) and a JDK with Maven (for the test server), set TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, or run where the Temporal SDK can download its servers.');
    process.exit(1);
  }
}
