import { createDecipheriv } from 'node:crypto';
import type { PayloadKey } from '../platform/payload-codec';
import { type PhiCipher, isEncryptedBytes } from '../platform/phi-cipher';

/** `raw_key_id` of a row sealed by the shared cipher (its key id is inside the value). */
const SHARED = 'phi';

/**
 * The raw HL7 message at rest: encrypted by the shared PHI cipher (AES-256-GCM under the payload key, the key id
 * inside the value), so a rotated key still opens earlier rows while it stays in PAYLOAD_PREVIOUS_KEYS. A database
 * handle with PHI encryption on hands the value back already opened.
 */
export function sealRaw(cipher: PhiCipher, text: string): { keyId: string; data: Buffer } {
  return { keyId: SHARED, data: cipher.encryptBytes(Buffer.from(text, 'utf8')) };
}

/** The raw message of a row: the shared cipher's envelope, or (rows stored before it) IV | tag | ciphertext under `keyId`. */
export function openRaw(cipher: PhiCipher, data: Buffer, keyId: string, keys: readonly PayloadKey[]): string {
  if (isEncryptedBytes(data as unknown)) return cipher.decryptBytes(data).toString('utf8');
  // sealed by the shared cipher and opened on read by the PHI-encrypting handle
  if (keyId === SHARED) return data.toString('utf8');
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new Error(`the stored HL7 message is encrypted with key ${keyId}, which is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key.key, 'base64'), data.subarray(0, 12));
  decipher.setAAD(Buffer.from('imaging-rcm hl7_messages.raw v1'));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}
