import { randomBytes } from 'node:crypto';
import { ConfigError, parseConfig } from '../../platform/config';

const payloadKey = randomBytes(32).toString('base64');
const base = { NODE_ENV: 'test' as const, PAYLOAD_KEY: payloadKey, PAYLOAD_KEY_ID: 'k1' };

test('same-day edits: on by default, the patient key derived from the payload key when not set', () => {
  const c = parseConfig(base);
  expect(c.sameDay?.enabled).toBe(true);
  expect(Buffer.from(c.sameDay!.patientKey!, 'base64')).toHaveLength(32);
  expect(c.sameDay!.patientKey).not.toBe(payloadKey);
  expect(parseConfig(base).sameDay!.patientKey).toBe(c.sameDay!.patientKey);
});

test('same-day edits: SAME_DAY_PATIENT_KEY wins; SAME_DAY_EDITS=false turns them off; a short key is refused', () => {
  const key = randomBytes(32).toString('base64');
  expect(parseConfig({ ...base, SAME_DAY_PATIENT_KEY: key }).sameDay).toEqual({ enabled: true, patientKey: key });
  expect(parseConfig({ ...base, SAME_DAY_EDITS: 'false' }).sameDay?.enabled).toBe(false);
  expect(() => parseConfig({ ...base, SAME_DAY_PATIENT_KEY: randomBytes(8).toString('base64') })).toThrow(ConfigError);
  expect(() => parseConfig({ ...base, SAME_DAY_EDITS: 'maybe' })).toThrow(/SAME_DAY_EDITS/);
});

test('same-day edits without any key outside development: no patient key, so the edits stay off', () => {
  expect(parseConfig({ NODE_ENV: 'test' }).sameDay).toEqual({ enabled: true, patientKey: undefined });
});
