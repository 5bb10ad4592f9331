import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json';

/**
 * The actor assertion: what the API signs (Ed25519) when it sends a staff member's update to an exam, so that
 * holding the payload key is not enough to act as someone. It binds the update's name, the actor, their role,
 * the task (where there is one), a hash of the update's arguments and the time it was issued. The private key
 * is the API's alone (`ACTOR_SIGNING_KEY`); the worker holds public keys only (`ACTOR_VERIFY_KEYS`, several
 * during a rotation). Node-only: verified by the worker's payload codec, outside the workflow sandbox.
 */
export const ACTOR_ASSERTION_FIELD = 'actorAssertion';

export interface ActorClaims {
  /** the update's name (resolveTask, patientPayment) */
  update: string;
  actor: string;
  role: string;
  taskId?: string;
  /** sha256 of the canonical JSON of the update's argument without the assertion */
  argsHash: string;
  /** seconds since the epoch */
  iat: number;
}

export interface ActorSigningKey {
  kid: string;
  key: KeyObject;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KID = /^[A-Za-z0-9._-]{1,64}$/;

/** A private key from its 32-byte seed (base64). */
export function privateKeyOf(seed: string): KeyObject {
  const raw = Buffer.from(seed, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 private key is 32 bytes, base64-encoded');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

/** A public key from its 32 bytes (base64). */
export function publicKeyOf(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new Error('an Ed25519 public key is 32 bytes, base64-encoded');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, bytes]), format: 'der', type: 'spki' });
}

/** The public half of a seed (base64), for ACTOR_VERIFY_KEYS. */
export function publicKeyOfSeed(seed: string): string {
  const der = createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' });
  return Buffer.from(der).subarray(SPKI_ED25519_PREFIX.length).toString('base64');
}

/** `kid:base64` (one key) */
export function parseKeyPair(value: string): { kid: string; key: string } {
  const at = value.indexOf(':');
  const kid = value.slice(0, at);
  if (at < 1 || !KID.test(kid)) throw new Error('a key is written kid:base64');
  return { kid, key: value.slice(at + 1) };
}

/** The hash an assertion carries: of the argument as it travels (JSON), the assertion left out. */
export function argsHashOf(arg: unknown): string {
  const plain = JSON.parse(JSON.stringify(arg ?? null)) as unknown;
  if (plain && typeof plain === 'object' && !Array.isArray(plain)) delete (plain as Record<string, unknown>)[ACTOR_ASSERTION_FIELD];
  return createHash('sha256').update(canonicalJson(plain)).digest('hex');
}

/** The argument with its assertion added, signed with the API's key. */
export function withActorAssertion<A extends object>(signer: ActorSigningKey, update: string, arg: A, who: { actor: string; role: string; taskId?: string }, now = new Date()): A {
  const claims: ActorClaims = { update, actor: who.actor, role: who.role, ...(who.taskId ? { taskId: who.taskId } : {}), argsHash: argsHashOf(arg), iat: Math.floor(now.getTime() / 1000) };
  const body = Buffer.from(canonicalJson(claims)).toString('base64url');
  const signature = sign(null, Buffer.from(`${signer.kid}.${body}`), signer.key).toString('base64url');
  return { ...arg, [ACTOR_ASSERTION_FIELD]: `v1.${signer.kid}.${body}.${signature}` };
}

/** Why an argument's assertion was not believed, or its claims when it was. */
export type ActorVerdict = { ok: true; claims: ActorClaims } | { ok: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'bad-signature' | 'arguments-changed' };

/** Checks the assertion an argument carries against the public keys and against the argument itself. */
export function verifyActorAssertion(keys: ReadonlyMap<string, KeyObject>, arg: unknown): ActorVerdict {
  const token = arg && typeof arg === 'object' ? (arg as Record<string, unknown>)[ACTOR_ASSERTION_FIELD] : undefined;
  if (token === undefined) return { ok: false, reason: 'missing' };
  if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
  const [, kid, body, signature] = parts as [string, string, string, string];
  const key = keys.get(kid);
  if (!key) return { ok: false, reason: 'unknown-key' };
  if (!verify(null, Buffer.from(`${kid}.${body}`), key, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'bad-signature' };
  let claims: ActorClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ActorClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.argsHash !== argsHashOf(arg)) return { ok: false, reason: 'arguments-changed' };
  return { ok: true, claims };
}
