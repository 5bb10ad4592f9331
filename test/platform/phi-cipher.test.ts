import { randomBytes } from 'node:crypto';
import { PhiCipher, PhiDecryptionError, isEncryptedBytes, isEncryptedJson, isEncryptedText, phiCipherOf } from '../../platform/phi-cipher';

const key = (id: string) => ({ id, key: randomBytes(32).toString('base64') });
const patient = { firstName: 'Ada', lastName: 'Lovelace', birthDate: '1961-04-12', mrn: 'MRN-0001' };

test('text, JSON and bytes round-trip and carry no plaintext', () => {
  const c = new PhiCipher(key('k1'));
  const text = c.encryptText('NM1*IL*1*LOVELACE*ADA');
  expect(text).toMatch(/^enc:v1:k1:/);
  expect(text).not.toContain('LOVELACE');
  expect(c.decryptText(text)).toBe('NM1*IL*1*LOVELACE*ADA');

  const json = c.encryptJson(patient);
  expect(Object.keys(json)).toEqual(['$enc']);
  expect(JSON.stringify(json)).not.toContain('Lovelace');
  expect(c.decryptJson(json)).toEqual(patient);
  expect(c.decryptJson(c.encryptJson([{ memberId: '1EG4TE5MK73' }]))).toEqual([{ memberId: '1EG4TE5MK73' }]);

  const pdf = Buffer.from('%PDF-1.7 Ada Lovelace');
  const bytes = c.encryptBytes(pdf);
  expect(bytes.includes(Buffer.from('Lovelace'))).toBe(false);
  expect(c.decryptBytes(bytes).equals(pdf)).toBe(true);
  expect([isEncryptedText(text), isEncryptedJson(json), isEncryptedBytes(bytes)]).toEqual([true, true, true]);
});

test('values not yet encrypted (rows from before) are read as they are', () => {
  const c = new PhiCipher(key('k1'));
  expect(c.decryptText('ISA*00*')).toBe('ISA*00*');
  expect(c.decryptJson(patient)).toEqual(patient);
  expect(c.decryptJson([1, 2])).toEqual([1, 2]);
  expect(c.decryptBytes(Buffer.from('%PDF')).toString()).toBe('%PDF');
  expect(c.keyIdOf(patient)).toBeUndefined();
});

test('key rotation: values under the previous key still decrypt; new values use the current key', () => {
  const old = key('2026-01');
  const before = new PhiCipher(old);
  const stored = [before.encryptText('LOVELACE'), before.encryptJson(patient), before.encryptBytes(Buffer.from('%PDF'))] as const;
  const after = new PhiCipher(key('2026-07'), [old]);
  expect(after.decryptText(stored[0])).toBe('LOVELACE');
  expect(after.decryptJson(stored[1])).toEqual(patient);
  expect(after.decryptBytes(stored[2]).toString()).toBe('%PDF');
  expect(stored.map((s) => after.keyIdOf(s))).toEqual(['2026-01', '2026-01', '2026-01']);
  expect(after.keyIdOf(after.encryptBytes(Buffer.from('x')))).toBe('2026-07');
  // Once the old key is dropped from the configuration, its values no longer open.
  expect(() => new PhiCipher(key('2026-07')).decryptText(stored[0])).toThrow(PhiDecryptionError);
});

test('a tampered value or one under another key with the same id does not authenticate', () => {
  const c = new PhiCipher(key('k1'));
  const text = c.encryptText('LOVELACE');
  const flipped = `${text.slice(0, -4)}${text.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  expect(() => c.decryptText(flipped)).toThrow(PhiDecryptionError);
  expect(() => new PhiCipher(key('k1')).decryptText(text)).toThrow(PhiDecryptionError);
});

test('the lookup hash: equal values match whatever their spelling, fields apply apart, and it needs the key', () => {
  const k = key('k1');
  const c = new PhiCipher(k);
  expect(c.lookupHash('member-id', '1eg4te5mk73 ')).toBe(c.lookupHash('member-id', '1EG4TE5MK73'));
  expect(c.lookupHash('member-id', '1EG4TE5MK73')).not.toBe(c.lookupHash('mrn', '1EG4TE5MK73'));
  expect(c.lookupHash('mrn', 'MRN-0001')).toMatch(/^[0-9a-f]{64}$/);
  // Derived from the payload key: another key, another hash; a configured lookup key survives a payload key rotation.
  expect(new PhiCipher(key('k1')).lookupHash('mrn', 'MRN-0001')).not.toBe(c.lookupHash('mrn', 'MRN-0001'));
  const lookup = randomBytes(32).toString('base64');
  expect(new PhiCipher(key('a'), [], lookup).lookupHash('mrn', 'X')).toBe(new PhiCipher(key('b'), [k], lookup).lookupHash('mrn', 'X'));
});

test('no payload key configured (development): no cipher, PHI in clear', () => {
  expect(phiCipherOf({ payloadKeys: { previous: [] } })).toBeUndefined();
  expect(phiCipherOf({ payloadKeys: { current: key('k'), previous: [] } })).toBeInstanceOf(PhiCipher);
});
