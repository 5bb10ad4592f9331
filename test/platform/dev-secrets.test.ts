import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { privateKeyOf, publicKeyOf, verifyActorAssertion, withActorAssertion } from '../../platform/actor-assertion';
import { type Config, parseConfig } from '../../platform/config';
import { withDevSecrets } from '../../platform/dev-secrets';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-dev-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const configOf = (env: NodeJS.ProcessEnv = {}): Config => parseConfig({ NODE_ENV: 'development', RCM_DATA_DIR: dir, ...env }, 'all');

/** Signs a resolution as the API would and checks it as the worker would. */
function believed(signer: Config, verifier: Config): boolean {
  const key = signer.actorAssertion.signingKey!;
  const arg = withActorAssertion({ kid: key.kid, key: privateKeyOf(key.seed) }, 'resolveTask', { taskId: 't1', action: 'verified' }, { actor: 'ana', role: 'front-desk', taskId: 't1' });
  const keys = new Map(verifier.actorAssertion.verifyKeys.map((k) => [k.kid, publicKeyOf(k.key)] as const));
  return verifyActorAssertion(keys, arg).ok;
}

test('npm start (one process) turns actor assertions on: it signs and verifies with one generated key', () => {
  const all = withDevSecrets(configOf(), 'all');
  expect(all.actorAssertion.signingKey).toBeDefined();
  expect(all.actorAssertion.verifyKeys).toHaveLength(1);
  expect(believed(all, all)).toBe(true);
});

test('separate API and worker processes sharing the data directory agree; the worker gets no signing key, the API no verify keys', () => {
  const api = withDevSecrets(configOf(), 'api');
  const worker = withDevSecrets(configOf(), 'worker');
  expect(worker.actorAssertion.signingKey).toBeUndefined();
  expect(api.actorAssertion.verifyKeys).toEqual([]);
  expect(believed(api, worker)).toBe(true);
});

test('a secrets file from before actor assertions keeps its JWT secret and payload key and gains a seed', () => {
  const file = path.join(dir, 'secrets.json');
  fs.writeFileSync(file, JSON.stringify({ jwtSecret: 'j'.repeat(64), payloadKeyId: 'dev-0a0b0c0d', payloadKey: Buffer.alloc(32, 7).toString('base64') }));
  const all = withDevSecrets(configOf(), 'all');
  expect(all.auth.secret).toBe('j'.repeat(64));
  expect(all.payloadKeys.current?.id).toBe('dev-0a0b0c0d');
  expect(believed(all, withDevSecrets(configOf(), 'worker'))).toBe(true);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).actorSeed).toEqual(expect.any(String));
});

test('configured actor keys are left alone, and production is never given generated ones', () => {
  const seed = Buffer.alloc(32, 3).toString('base64');
  const configured = withDevSecrets(configOf({ ACTOR_SIGNING_KEY: `ops-1:${seed}` }), 'api');
  expect(configured.actorAssertion.signingKey).toEqual({ kid: 'ops-1', seed });
  const prod = configOf();
  const asProduction: Config = { ...prod, env: 'production' };
  expect(withDevSecrets(asProduction, 'all')).toBe(asProduction);
});
