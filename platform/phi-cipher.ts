import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { PayloadKey } from './payload-codec';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bound into every ciphertext: a value encrypted for another purpose under the same key does not authenticate here. */
const AAD = Buffer.from('imaging-rcm phi v1');
const TEXT_PREFIX = 'enc:v1:';
const JSON_FIELD = '$enc';
const JSON_PREFIX = 'v1:';
/** Leading bytes of an encrypted binary value: no PDF (`%PDF`) or other stored file starts with them. */
const BYTES_MAGIC = Buffer.from('RCMPHI\u0001', 'latin1');

export class PhiDecryptionError extends Error {
  override readonly name = 'PhiDecryptionError';
}

/** A JSON value encrypted for a jsonb column: the column keeps its type, the value its secrecy. */
export interface EncryptedJson {
  [JSON_FIELD]: string;
}

/**
 * Application-level encryption of PHI at rest: AES-256-GCM under the payload keys. Every value carries
 * the id of the key that encrypted it, so values written before a rotation still decrypt while the old
 * key stays in PAYLOAD_PREVIOUS_KEYS (and `npm run phi:encrypt` re-encrypts them under the current one).
 * Values that are not encrypted (rows written before encryption was on) are read as they are.
 */
export class PhiCipher {
  readonly currentKeyId: string;
  private readonly current: Buffer;
  private readonly keys: Map<string, Buffer>;
  private readonly lookupKey: Buffer;

  /** `lookupKey` (base64): the key of `lookupHash`; by default derived (HKDF) from the current payload key. */
  constructor(current: PayloadKey, previous: PayloadKey[] = [], lookupKey?: string) {
    this.currentKeyId = current.id;
    this.current = keyOf(current);
    this.keys = new Map([...previous, current].map((k) => [k.id, keyOf(k)]));
    this.lookupKey = lookupKey
      ? Buffer.from(lookupKey, 'base64')
      : Buffer.from(hkdfSync('sha256', this.current, Buffer.alloc(0), 'imaging-rcm phi lookup v1', 32));
  }

  /** `enc:v1:<keyId>:<base64 iv|ciphertext|tag>` */
  encryptText(plain: string): string {
    return `${TEXT_PREFIX}${this.currentKeyId}:${this.seal(Buffer.from(plain, 'utf8')).toString('base64')}`;
  }

  decryptText(stored: string): string {
    if (!isEncryptedText(stored)) return stored;
    const [keyId, body] = splitKeyId(stored.slice(TEXT_PREFIX.length));
    return this.open(keyId, Buffer.from(body, 'base64')).toString('utf8');
  }

  /** `{ "$enc": "v1:<keyId>:<base64>" }` of the value's JSON */
  encryptJson(value: unknown): EncryptedJson {
    return { [JSON_FIELD]: `${JSON_PREFIX}${this.currentKeyId}:${this.seal(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64')}` };
  }

  decryptJson(stored: unknown): unknown {
    if (!isEncryptedJson(stored)) return stored;
    const [keyId, body] = splitKeyId(stored[JSON_FIELD].slice(JSON_PREFIX.length));
    return JSON.parse(this.open(keyId, Buffer.from(body, 'base64')).toString('utf8'));
  }

  /** magic | key id length (1 byte) | key id | iv | ciphertext | tag */
  encryptBytes(plain: Buffer): Buffer {
    const id = Buffer.from(this.currentKeyId, 'utf8');
    return Buffer.concat([BYTES_MAGIC, Buffer.from([id.length]), id, this.seal(plain)]);
  }

  decryptBytes(stored: Buffer): Buffer {
    if (!isEncryptedBytes(stored)) return stored;
    const idLength = stored[BYTES_MAGIC.length]!;
    const start = BYTES_MAGIC.length + 1;
    const keyId = stored.subarray(start, start + idLength).toString('utf8');
    return this.open(keyId, stored.subarray(start + idLength));
  }

  /** The key id a stored value was encrypted under, or undefined when it is in clear. */
  keyIdOf(stored: unknown): string | undefined {
    if (isEncryptedText(stored)) return splitKeyId(stored.slice(TEXT_PREFIX.length))[0];
    if (isEncryptedJson(stored)) return splitKeyId(stored[JSON_FIELD].slice(JSON_PREFIX.length))[0];
    if (isEncryptedBytes(stored)) return stored.subarray(BYTES_MAGIC.length + 1, BYTES_MAGIC.length + 1 + stored[BYTES_MAGIC.length]!).toString('utf8');
    return undefined;
  }

  /**
   * A keyed hash (HMAC-SHA256, hex) of a PHI value for exact-match lookups (an MRN, a member id): equal
   * values give equal hashes, and nobody without the key can test a guess. `kind` keeps the hashes of
   * different fields apart. The value is trimmed and upper-cased first.
   */
  lookupHash(kind: string, value: string): string {
    return createHmac('sha256', this.lookupKey).update(`${kind}\u0000${value.trim().toUpperCase()}`).digest('hex');
  }

  private seal(plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  private open(keyId: string, data: Buffer): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new PhiDecryptionError(`no payload key with id "${keyId}" is configured`);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PhiDecryptionError('encrypted value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PhiDecryptionError(`encrypted value does not authenticate under key "${keyId}"`);
    }
  }
}

export function isEncryptedText(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(TEXT_PREFIX);
}

export function isEncryptedJson(value: unknown): value is EncryptedJson {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === JSON_FIELD && typeof (value as Record<string, unknown>)[JSON_FIELD] === 'string';
}

export function isEncryptedBytes(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length > BYTES_MAGIC.length && value.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC);
}

/** The cipher of a configuration: undefined when no payload key is configured (development), and PHI stays in clear. */
export function phiCipherOf(config: { payloadKeys: { current?: PayloadKey; previous: PayloadKey[] }; phiLookupKey?: string }): PhiCipher | undefined {
  const { current, previous } = config.payloadKeys;
  return current ? new PhiCipher(current, previous, config.phiLookupKey) : undefined;
}

function splitKeyId(rest: string): [string, string] {
  const colon = rest.indexOf(':');
  if (colon <= 0) throw new PhiDecryptionError('encrypted value has no key id');
  return [rest.slice(0, colon), rest.slice(colon + 1)];
}

function keyOf(k: PayloadKey): Buffer {
  const key = Buffer.from(k.key, 'base64');
  if (key.length !== 32) throw new Error(`payload key "${k.id}" must be 32 bytes`);
  return key;
}
