'use strict';
// The independent X12 5010 validator the outbound-file tests run: pyx12 at a pinned version, installed
// from PyPI into its own virtual environment under the cache (~/.cache/imaging-rcm/pyx12-<version>,
// or $RCM_CACHE_DIR), created once and reused. Needs python3 (with venv) and PyPI.
// `node scripts/pyx12-env.js` sets it up and prints the interpreter to run scripts/pyx12-validate.py with.
// Plain JavaScript so that it runs before anything is compiled.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PYX12_VERSION = '4.0.0';

function cacheRoot() {
  if (process.env.RCM_CACHE_DIR) return path.resolve(process.env.RCM_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'imaging-rcm');
}

function venvDir() {
  return path.join(cacheRoot(), `pyx12-${PYX12_VERSION}`);
}

/** Marker written last: its presence means the environment is complete. */
const READY = 'installed-pyx12';

function interpreter(dir) {
  return process.platform === 'win32' ? path.join(dir, 'Scripts', 'python.exe') : path.join(dir, 'bin', 'python');
}

function run(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}:\n${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * The Python interpreter of the pyx12 environment, creating it first when it is missing. Built in
 * a private directory and renamed into place, so parallel callers never see half an environment.
 */
function ensurePyx12() {
  const dir = venvDir();
  if (fs.existsSync(path.join(dir, READY))) return interpreter(dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  try {
    run(process.env.PYTHON || 'python3', ['-m', 'venv', building]);
    run(interpreter(building), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', `pyx12==${PYX12_VERSION}`]);
    const version = run(interpreter(building), ['-c', 'import pyx12; print(pyx12.__version__)']).trim();
    if (version !== PYX12_VERSION) throw new Error(`installed pyx12 ${version}, expected ${PYX12_VERSION}`);
    fs.writeFileSync(path.join(building, READY), `${PYX12_VERSION}\n`);
    try {
      fs.renameSync(building, dir);
    } catch (e) {
      // Another process finished first: use its environment.
      if (!fs.existsSync(path.join(dir, READY))) throw e;
    }
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return interpreter(dir);
}

module.exports = { PYX12_VERSION, ensurePyx12, venvDir };

if (require.main === module) {
  try {
    process.stdout.write(`${ensurePyx12()}\n`);
  } catch (e) {
    process.stderr.write(`pyx12 setup failed: ${e.message}\n`);
    process.exit(1);
  }
}
