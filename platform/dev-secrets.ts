import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

interface DevSecrets {
  jwtSecret: string;
  payloadKeyId: string;
  payloadKey: string;
}

/**
 * Outside production, a missing JWT secret or payload key is generated once and kept in the data
 * directory (`secrets.json`, mode 0600), so that every process sharing the directory agrees and a
 * restart can still decrypt earlier histories. Production must configure both (see config.ts).
 */
export function withDevSecrets(config: Config, kind: 'api' | 'worker' = 'api'): Config {
  if (config.env === 'production') return config;
  const needsJwt = kind === 'api' && !config.auth.secret && !config.auth.jwksUrl;
  const needsKey = !config.payloadKeys.current;
  if (!needsJwt && !needsKey) return config;
  const secrets = readOrCreate(path.join(config.dataDir, 'secrets.json'));
  return {
    ...config,
    auth: needsJwt ? { ...config.auth, secret: secrets.jwtSecret } : config.auth,
    payloadKeys: needsKey ? { ...config.payloadKeys, current: { id: secrets.payloadKeyId, key: secrets.payloadKey } } : config.payloadKeys,
  };
}

function readOrCreate(file: string): DevSecrets {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    payloadKeyId: `dev-${randomBytes(4).toString('hex')}`,
    payloadKey: randomBytes(32).toString('base64'),
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
