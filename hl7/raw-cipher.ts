import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The raw HL7 message at rest: AES-256-GCM under the payload key (the key that encrypts Temporal payloads),
 * the key's id stored beside it so a rotated key still opens earlier rows. Layout: IV (12) | tag (16) | ciphertext.
 */
export interface PayloadKey {
  id: string;
  /** base64, 32 bytes */
  key: string;
}

const AAD = Buffer.from('imaging-rcm hl7_messages.raw v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptRaw(text: string, key: PayloadKey): { keyId: string; data: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key.key, 'base64'), iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { keyId: key.id, data: Buffer.concat([iv, cipher.getAuthTag(), body]) };
}

export function decryptRaw(data: Buffer, keyId: string, keys: readonly PayloadKey[]): string {
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new Error(`the stored HL7 message is encrypted with key ${keyId}, which is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key.key, 'base64'), data.subarray(0, IV_BYTES));
  decipher.setAAD(AAD);
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
