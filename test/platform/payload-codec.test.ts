import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, PayloadDecryptionError } from '../../platform/payload-codec';

const key = (id: string) => ({ id, key: randomBytes(32).toString('base64') });
const patient = { lastName: 'Lovelace', memberId: '1EG4TE5MK73', birthDate: '1961-04-12' };

test('encrypts the whole payload, metadata included, and decrypts it back', async () => {
  const codec = new AesGcmPayloadCodec(key('k1'));
  const plain = defaultPayloadConverter.toPayload(patient);
  const [encrypted] = await codec.encode([plain]);
  expect(Buffer.from(encrypted!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
  expect(Buffer.from(encrypted!.metadata!['encryption-key-id']!).toString()).toBe('k1');
  const bytes = Buffer.from(encrypted!.data!);
  for (const phi of Object.values(patient)) expect(bytes.includes(phi)).toBe(false);
  expect(bytes.includes('json/plain')).toBe(false);
  const [decoded] = await codec.decode([encrypted!]);
  expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(patient);
});

test('the same value encrypts differently each time (random IV)', async () => {
  const codec = new AesGcmPayloadCodec(key('k1'));
  const plain = defaultPayloadConverter.toPayload(patient);
  const [a, b] = await codec.encode([plain, plain]);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

test('after a key rotation, payloads written under the previous key still decrypt', async () => {
  const old = key('2026-01');
  const [written] = await new AesGcmPayloadCodec(old).encode([defaultPayloadConverter.toPayload(patient)]);
  const rotated = new AesGcmPayloadCodec(key('2026-02'), [old]);
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([written!]))[0]!)).toEqual(patient);
});

test('an unknown key id or a tampered payload is refused with a clear error', async () => {
  const [written] = await new AesGcmPayloadCodec(key('a')).encode([defaultPayloadConverter.toPayload(patient)]);
  await expect(new AesGcmPayloadCodec(key('b')).decode([written!])).rejects.toThrow(/no payload key with id "a"/);
  const tampered = { ...written!, data: Buffer.from(written!.data!).fill(1, 20, 21) };
  const codec = new AesGcmPayloadCodec({ id: 'a', key: randomBytes(32).toString('base64') });
  await expect(codec.decode([tampered])).rejects.toBeInstanceOf(PayloadDecryptionError);
});

test('payloads that were never encrypted pass through untouched', async () => {
  const plain = defaultPayloadConverter.toPayload('hello');
  expect(await new AesGcmPayloadCodec(key('k')).decode([plain])).toEqual([plain]);
});
