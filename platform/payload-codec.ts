import { type KeyObject, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ACTOR_CHECK_METADATA, type ActorCheck } from '../workflows/actor-check';
import { UNAUTHENTICATED_PAYLOAD_KEY } from '../workflows/unauthenticated';
import { ACTOR_ASSERTION_FIELD, verifyActorAssertion } from './actor-assertion';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes, base64 */
  key: string;
}

const NULL_ENCODING = 'binary/null';
/** JSON the default converter reads as `{ [UNAUTHENTICATED_PAYLOAD_KEY]: true }`. */
const UNAUTHENTICATED_PAYLOAD: Payload = {
  metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify({ [UNAUTHENTICATED_PAYLOAD_KEY]: true })),
};

export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * AES-256-GCM payload codec. Every payload leaving a client or worker is encrypted with the current
 * key; its id travels in the metadata so that payloads written under an earlier key still decrypt
 * after a rotation (keep the old key in PAYLOAD_PREVIOUS_KEYS). Payloads are protobuf-serialized
 * whole (metadata + data) before encryption, so the encoding itself is hidden too.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  private readonly requireEncrypted: boolean;
  /** the worker's: public keys of the API's actor assertions (see withActorCheck) */
  private readonly actorKeys: ReadonlyMap<string, KeyObject> | undefined;

  /**
   * `requireEncrypted` (the worker's codec): a payload that arrives unencrypted is not believed. It is
   * handed on as a marker the workflows refuse (workflows/unauthenticated.ts), never as what it says:
   * whoever reaches Temporal's frontend without the payload key cannot speak for anyone.
   */
  constructor(current: PayloadKey, previous: PayloadKey[] = [], options: { requireEncrypted?: boolean; actorVerifyKeys?: ReadonlyMap<string, KeyObject> } = {}) {
    this.current = { id: current.id, key: decodeKey(current) };
    this.keys = new Map([...previous, current].map((k) => [k.id, decodeKey(k)]));
    this.requireEncrypted = options.requireEncrypted ?? false;
    this.actorKeys = options.actorVerifyKeys && options.actorVerifyKeys.size > 0 ? options.actorVerifyKeys : undefined;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.current.id),
        },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) {
        if (!this.requireEncrypted || (encoding && Buffer.from(encoding).toString() === NULL_ENCODING)) return payload;
        return UNAUTHENTICATED_PAYLOAD;
      }
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      const keyId = keyIdBytes ? Buffer.from(keyIdBytes).toString() : '';
      const key = this.keys.get(keyId);
      if (!key) throw new PayloadDecryptionError(`no payload key with id "${keyId}" is configured`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new PayloadDecryptionError(`payload does not authenticate under key "${keyId}"`);
      }
      return this.withActorCheck(temporal.api.common.v1.Payload.decode(plain) as Payload);
    });
  }

  /**
   * The worker's codec with verify keys (ACTOR_VERIFY_KEYS): every JSON object payload gets the verdict on the
   * actor assertion it carries (or that it carries none) in its metadata, which the workflows' payload converter
   * hands to update validators. A verdict arriving from the sender is never believed: it is removed first.
   */
  private withActorCheck(payload: Payload): Payload {
    const metadata = { ...(payload.metadata ?? {}) };
    delete metadata[ACTOR_CHECK_METADATA];
    const clean = { ...payload, metadata };
    const encoding = metadata[METADATA_ENCODING_KEY];
    if (!this.actorKeys || !encoding || Buffer.from(encoding).toString() !== 'json/plain') return clean;
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data[0] !== 0x7b /* { */) return clean;
    let check: ActorCheck;
    if (!data.includes(ACTOR_ASSERTION_MARKER)) {
      check = { ok: false, reason: 'missing' };
    } else {
      let arg: unknown;
      try {
        arg = JSON.parse(data.toString('utf8'));
      } catch {
        return clean;
      }
      const verdict = verifyActorAssertion(this.actorKeys, arg);
      check = verdict.ok
        ? { ok: true, claims: { update: verdict.claims.update, actor: verdict.claims.actor, role: verdict.claims.role, ...(verdict.claims.taskId ? { taskId: verdict.claims.taskId } : {}), iat: verdict.claims.iat } }
        : { ok: false, reason: verdict.reason };
    }
    return { ...clean, metadata: { ...metadata, [ACTOR_CHECK_METADATA]: Buffer.from(JSON.stringify(check)) } };
  }
}

const ACTOR_ASSERTION_MARKER = Buffer.from(`"${ACTOR_ASSERTION_FIELD}"`);

function decodeKey(k: PayloadKey): Buffer {
  const key = Buffer.from(k.key, 'base64');
  if (key.length !== 32) throw new Error(`payload key "${k.id}" must be 32 bytes`);
  return key;
}
