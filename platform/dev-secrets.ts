import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicKeyOfSeed } from './actor-assertion';
import type { Config } from './config';

interface DevSecrets {
  jwtSecret: string;
  payloadKeyId: string;
  payloadKey: string;
  /** Ed25519 seed of the API's actor assertions (added to older files on first use) */
  actorSeed?: string;
}

/**
 * Outside production, a missing JWT secret or payload key is generated once and kept in the data
 * directory (`secrets.json`, mode 0600), so that every process sharing the directory agrees and a
 * restart can still decrypt earlier histories. Production must configure both (see config.ts).
 * Actor assertions are turned on the same way when neither of their keys is configured: the API (or the
 * single `npm start` process) signs with the generated key, the worker verifies with its public half.
 */
export function withDevSecrets(config: Config, kind: 'api' | 'worker' | 'all' = 'api'): Config {
  if (config.env === 'production') return config;
  const needsJwt = kind !== 'worker' && !config.auth.secret && !config.auth.jwksUrl;
  const needsKey = !config.payloadKeys.current;
  const needsActorKeys = !config.actorAssertion.signingKey && config.actorAssertion.verifyKeys.length === 0;
  if (!needsJwt && !needsKey && !needsActorKeys) return config;
  const file = path.join(config.dataDir, 'secrets.json');
  let secrets = readOrCreate(file);
  if (needsActorKeys && !secrets.actorSeed) secrets = addActorSeed(file, secrets);
  const kid = `dev-actor-${secrets.payloadKeyId.replace(/^dev-/, '')}`;
  return {
    ...config,
    auth: needsJwt ? { ...config.auth, secret: secrets.jwtSecret } : config.auth,
    payloadKeys: needsKey ? { ...config.payloadKeys, current: { id: secrets.payloadKeyId, key: secrets.payloadKey } } : config.payloadKeys,
    actorAssertion:
      needsActorKeys && secrets.actorSeed
        ? {
            signingKey: kind === 'worker' ? undefined : { kid, seed: secrets.actorSeed },
            verifyKeys: kind === 'api' ? [] : [{ kid, key: publicKeyOfSeed(secrets.actorSeed) }],
          }
        : config.actorAssertion,
  };
}

/** A secrets file written before actor assertions existed gets its seed; whatever is on disk afterwards wins. */
function addActorSeed(file: string, secrets: DevSecrets): DevSecrets {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ ...secrets, actorSeed: randomBytes(32).toString('base64') }, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
}

function readOrCreate(file: string): DevSecrets {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    payloadKeyId: `dev-${randomBytes(4).toString('hex')}`,
    payloadKey: randomBytes(32).toString('base64'),
    actorSeed: randomBytes(32).toString('base64'),
  };
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
    throw err;
  }
}
