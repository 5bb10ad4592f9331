import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hl7Message } from '@medplum/core';
import { headerOf, hl7DateTime, value } from '../../../hl7/fields';
import { Hl7MappingError, Hl7Rejected, mapMessage } from '../../../hl7/map';
import { buildAck } from '../../../hl7/process';
import { BUILT_IN_DEFAULT_PROFILE, Hl7ProfileError, Hl7ProfileSchema, loadProfiles } from '../../../hl7/profile';
import { createCipheriv } from 'node:crypto';
import { openRaw, sealRaw } from '../../../hl7/raw-cipher';
import { PhiCipher } from '../../../platform/phi-cipher';
import { messagesOf, readMessages } from '../../../hl7/send';

/** HL7 v2 to the engine's events, without a server: the rules a mapping profile and the message decide. */
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'hl7');
const northris = loadProfiles(path.join(FIXTURES, 'profiles')).forSender('NORTHRIS', 'SPRINGFIELD');
const parse = (file: string) => Hl7Message.parse(readMessages(path.join(FIXTURES, file))[0]!);
const map = (msg: Hl7Message, profile = northris) => mapMessage(msg, headerOf(msg), profile);
const edit = (file: string, from: string, to: string) => Hl7Message.parse(readMessages(path.join(FIXTURES, file))[0]!.replace(from, to));

function mappingError(fn: () => unknown): Hl7MappingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof Hl7MappingError) return err;
    throw err;
  }
  throw new Error('no mapping error');
}

test('order intake from ORM^O01 NW: PID, IN1, ORC-12, OBR-4, DG1 and ORC-7 through the intake schema, the accession from the filler number', () => {
  const m = map(parse('orm-o01-new-order.hl7'));
  expect(m.kind).toBe('intake');
  if (m.kind !== 'intake') return;
  expect(m.intake).toMatchObject({
    accessionNumber: 'ACC-HL7-5001',
    facility: { id: 'main', billingArrangement: 'global', placeOfService: '11' },
    patient: { mrn: 'MRN-7001', lastName: 'KESTREL', firstName: 'MAEVE', birthDate: '1958-03-12', sex: 'F', phone: '2175550101', address: { line1: '12 Elm St', line2: 'Unit 4', city: 'Springfield', state: 'IL', postalCode: '62701' } },
    coverages: [{ payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self', order: 'primary' }],
    order: { orderingProviderNpi: '1234567893', modality: 'MR', procedures: [{ cpt: '72148', units: 1 }], diagnoses: ['M54.16'], priority: 'routine', scheduledAt: '2026-11-25T14:00:00-06:00' },
  });
});

test('a second IN1 is the secondary coverage, its insured (IN1-16/18/43) the subscriber when IN1-17 is not self', () => {
  const text = readMessages(path.join(FIXTURES, 'orm-o01-new-order.hl7'))[0]!;
  const in2 = 'IN1|2|BCBS-PPO|BCBSIL|Blue Cross||||GRP-4410||||||||KESTREL^THOMAS|SPO|19560704||||||||||||||||||XOF123456789|||||||M';
  const m = map(Hl7Message.parse(text.replace('\rORC|', `\r${in2}\rORC|`)));
  if (m.kind !== 'intake') throw new Error(m.kind);
  expect(m.intake.coverages[1]).toEqual({ payerId: 'commercial-b', memberId: 'XOF123456789', groupNumber: 'GRP-4410', relationship: 'spouse', order: 'secondary', subscriber: { lastName: 'KESTREL', firstName: 'THOMAS', birthDate: '1956-07-04', sex: 'M' } });
});

test('the placer order number is the accession when the profile says so', () => {
  const m = map(parse('orm-o01-new-order.hl7'), { ...northris, accession: 'placer' });
  expect(m.accession).toBe('PL-5001');
});

test('escape sequences are unescaped in the message own encoding characters', () => {
  const msg = edit('orm-o01-new-order.hl7', '12 Elm St^Unit 4', '12 Elm St\\T\\Co^Unit 4\\S\\B');
  const m = map(msg);
  if (m.kind !== 'intake') throw new Error(m.kind);
  expect(m.intake.patient.address).toMatchObject({ line1: '12 Elm St&Co', line2: 'Unit 4^B' });
  expect(value(msg.getSegment('OBR'), 4, 2)).toBe('MRI lumbar spine without contrast');
});

test('other encoding characters (MSH-1/2) are read as the message declares them', () => {
  // component separator # instead of ^ (MSH-2 says so)
  const text = readMessages(path.join(FIXTURES, 'orm-o01-new-order.hl7'))[0]!.replace(/\^/g, '#');
  const m = map(Hl7Message.parse(text));
  if (m.kind !== 'intake') throw new Error(m.kind);
  expect(m.intake.patient).toMatchObject({ lastName: 'KESTREL', firstName: 'MAEVE' });
});

test('a birth date that is not a date is AE on PID-7 (data type error), without the value in the words', () => {
  const e = mappingError(() => map(parse('orm-o01-bad-birth-date.hl7')));
  expect([e.field, e.code]).toEqual(['PID-7', '102']);
  expect(e.message).not.toContain('1958');
});

test('a missing ordering provider is AE on ORC-12 (required field missing)', () => {
  const msg = edit('orm-o01-new-order.hl7', '1234567893^HOUSE^GREGORY^^^^^^NPI', '').toString().replace('1234567893^HOUSE^GREGORY', '');
  const e = mappingError(() => map(Hl7Message.parse(msg)));
  expect([e.field, e.code]).toEqual(['ORC-12', '101']);
});

test('an invalid member id names the IN1 field it came from', () => {
  const e = mappingError(() => map(edit('orm-o01-new-order.hl7', '1EG4TE5MK73', 'X')));
  expect(e.field).toBe('IN1-36');
});

test('a RIS procedure code unknown to the profile is AE on OBR-4 (table value not found); the profile maps known ones', () => {
  const unknown = mappingError(() => map(parse('orm-o01-local-procedure-code.hl7')));
  expect([unknown.field, unknown.code]).toEqual(['OBR-4', '103']);
  const m = map(parse('orm-o01-local-procedure-code.hl7'), { ...northris, procedureCodes: { MRCSPNWO: '72141' } });
  if (m.kind !== 'intake') throw new Error(m.kind);
  expect(m.intake.order.procedures).toEqual([{ cpt: '72141', units: 1 }]);
});

test('ORC-1 SC with the profile exam-complete status is a performed event; other statuses ask nothing', () => {
  const m = map(parse('orm-o01-exam-complete.hl7'));
  expect(m).toMatchObject({ kind: 'performed', event: { performedAt: '2026-11-25T14:10:00-06:00', placeOfService: '11', procedures: [{ cpt: '72148', units: 1, startedAt: '2026-11-25T14:10:00-06:00', endedAt: '2026-11-25T14:30:00-06:00' }] } });
  const inProgress = edit('orm-o01-exam-complete.hl7', '|SC|PL-5001|ACC-HL7-5001||CM|', '|SC|PL-5001|ACC-HL7-5001||IP|').toString().replace(/\|CM\|/g, '|IP|');
  expect(map(Hl7Message.parse(inProgress))).toMatchObject({ kind: 'no-action' });
});

test('a center that sends both statuses and charges takes performed from DFT only: empty exam-complete lists make the status message ask nothing', () => {
  const chargesOnly = Hl7ProfileSchema.parse({ ...northris, examComplete: { orderStatus: [], resultStatus: [] } });
  expect(map(parse('orm-o01-exam-complete.hl7'), chargesOnly)).toMatchObject({ kind: 'no-action' });
  expect(map(parse('orm-o01-exam-complete.hl7'))).toMatchObject({ kind: 'performed' });
});

test('contrast on the performed event where the profile says the RIS writes it: an OBX observation or a field, per procedure', () => {
  const text = readMessages(path.join(FIXTURES, 'orm-o01-performed-then-late-change.hl7'))[0]!;
  expect(map(Hl7Message.parse(text))).toMatchObject({ kind: 'performed', event: { contrast: true, procedures: [{ cpt: '72149', contrast: 'with' }] } });
  // without the OBX: not said, false as before
  const none = map(Hl7Message.parse(text.replace(/\rOBX\|[^\r]*/, ''))) as { event: { contrast: boolean; procedures: object[] } };
  expect(none.event.contrast).toBe(false);
  expect(none.event.procedures[0]).not.toHaveProperty('contrast');
  expect(map(Hl7Message.parse(text.replace('WITH^Gadolinium given', 'N')))).toMatchObject({ event: { contrast: false, procedures: [{ contrast: 'none' }] } });
  expect(map(Hl7Message.parse(text.replace('WITH^Gadolinium given', 'WWO')))).toMatchObject({ event: { contrast: true, procedures: [{ contrast: 'without-then-with' }] } });
  expect(mappingError(() => map(Hl7Message.parse(text.replace('WITH^Gadolinium given', 'MAYBE'))))).toMatchObject({ field: 'OBX-5', code: '103' });
  // a profile that reads OBR-13 (relevant clinical information) per procedure
  const byField = Hl7ProfileSchema.parse({ ...northris, contrast: { field: 'OBR-13', with: ['GAD'] } });
  const obr13 = text.replace(/(\rOBR(?:\|[^|\r]*){12})\|/, '$1|GAD');
  expect(map(Hl7Message.parse(obr13), byField)).toMatchObject({ event: { contrast: true, procedures: [{ contrast: 'with' }] } });
  expect(Hl7ProfileSchema.safeParse({ ...northris, contrast: {} }).success).toBe(false);
});

test('ORU^R01 final is a report with OBR-32 radiologist and DG1 diagnoses; P is preliminary (kept only); C an addendum', () => {
  expect(map(parse('oru-r01-final-report.hl7'))).toMatchObject({ kind: 'report', event: { status: 'final', radiologistNpi: '1000000038', diagnoses: ['M54.16', 'M51.26'], signedAt: '2026-11-25T17:05:00-06:00' } });
  expect(map(parse('oru-r01-preliminary-report.hl7'))).toMatchObject({ kind: 'preliminary-report', event: { status: 'preliminary' } });
  const corrected = Hl7Message.parse(readMessages(path.join(FIXTURES, 'oru-r01-final-report.hl7'))[0]!.replace(/(\rOBR(?:\|[^|\r]*){24})\|F\|/, '$1|C|'));
  expect(map(corrected)).toMatchObject({ kind: 'report', event: { status: 'addendum' } });
});

test('ORC-1 CA is a cancel with the ORC-16 reason', () => {
  expect(map(parse('orm-o01-cancel.hl7'))).toEqual({ kind: 'cancel', accession: 'ACC-HL7-5004', reason: 'cancelled by the RIS: Patient cancelled' });
});

test('ADT^A08 is a registration: the MRN of the profile, the demographics, and the IN1 coverages through the profile payers', () => {
  expect(map(parse('adt-a08-coverage-change.hl7'))).toEqual({
    kind: 'registration',
    mrn: 'MRN-7301',
    change: {
      patient: {
        firstName: 'JUNE', lastName: 'ORIOLE-BANKS', birthDate: '1971-07-04', sex: 'F',
        address: { line1: '410 Quarry Ln', line2: 'Apt 2', city: 'Chatham', state: 'IL', postalCode: '62629' }, phone: '2175550188',
      },
      coverages: [{ payerId: 'commercial-b', memberId: 'PAREQ-HMO-7301', groupNumber: 'GRP-7730', relationship: 'self', order: 'primary' }],
    },
  });
  // no IN1: the coverages stay as they are
  const noCoverage = Hl7Message.parse(readMessages(path.join(FIXTURES, 'adt-a08-coverage-change.hl7'))[0]!.replace(/\rIN1\|[^\r]*/, ''));
  expect(map(noCoverage)).toMatchObject({ kind: 'registration', change: { patient: { lastName: 'ORIOLE-BANKS' } } });
  expect((map(noCoverage) as { change: object }).change).not.toHaveProperty('coverages');
  // A04 too; the MRN is the repetition of the profile's identifier type
  const a04 = map(parse('adt-a04-no-open-exam.hl7'));
  expect(a04).toMatchObject({ kind: 'registration', mrn: 'MRN-7399' });
  const typed = Hl7Message.parse(readMessages(path.join(FIXTURES, 'adt-a08-coverage-change.hl7'))[0]!.replace('MRN-7301^^^SPRINGFIELD^MR~552201^^^STATE^PI', '552201^^^STATE^PI~MRN-7301^^^SPRINGFIELD^MR'));
  expect(map(typed)).toMatchObject({ mrn: 'MRN-7301' });
  expect(map(typed, { ...northris, patientIdentifierType: 'PI' })).toMatchObject({ mrn: '552201' });
});

test('an ADT that cannot be used names the field: a bad birth date, no PID-3, a member id the engine cannot bill', () => {
  expect(mappingError(() => map(edit('adt-a08-coverage-change.hl7', '||19710704|F|', '||19711304|F|')))).toMatchObject({ field: 'PID-7' });
  expect(mappingError(() => map(edit('adt-a08-coverage-change.hl7', 'MRN-7301^^^SPRINGFIELD^MR~552201^^^STATE^PI', '')))).toMatchObject({ field: 'PID-3', code: '101' });
  expect(mappingError(() => map(edit('adt-a08-coverage-change.hl7', 'PAREQ-HMO-7301', 'PAREQ HMO 7301')))).toMatchObject({ field: 'IN1-36' });
});

test('a message type the engine does not take is rejected (AR), an unknown event of a known type too', () => {
  expect(() => map(parse('siu-s12-unsupported.hl7'))).toThrow(Hl7Rejected);
  const oru = Hl7Message.parse(readMessages(path.join(FIXTURES, 'oru-r01-final-report.hl7'))[0]!.replace('ORU^R01', 'ORU^R30'));
  try {
    map(oru);
  } catch (err) {
    expect((err as Hl7Rejected).code).toBe('201');
  }
});

test('the ACK: MSA with the control id, ERR locating the field in segment^sequence^field^repetition^component', () => {
  const msg = parse('orm-o01-new-order.hl7');
  const ack = buildAck(msg, { ackCode: 'AE', error: { code: '102', field: 'IN1[2]-16.2', message: 'a | b' } });
  expect(ack.getSegment('MSA')!.toString()).toBe('MSA|AE|NR-0001|IN1[2]-16.2: a \\F\\ b');
  expect(ack.getSegment('ERR')!.toString()).toBe('ERR||IN1^2^16^1^2|102^Data type error^HL70357|E||||a \\F\\ b');
  expect(buildAck(msg, { ackCode: 'AA' }).toString()).toMatch(/\rMSA\|AA\|NR-0001\|?$/);
});

test('HL7 timestamps: the profile offset when none is sent, the sent one otherwise', () => {
  expect(hl7DateTime('202611251400', '-0500')).toBe('2026-11-25T14:00:00-05:00');
  expect(hl7DateTime('20261125140005.123+0100', '-0500')).toBe('2026-11-25T14:00:05+01:00');
  expect(hl7DateTime('2026-11-25', '+0000')).toBe('2026-11-25');
});

test('profiles: validated at start (a bad file names itself and the field), one per sender, the default for the rest', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-hl7-profile-'));
  try {
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ version: 1, name: 'bad', sendingApplication: 'X', facility: { id: 'main', billingArrangement: 'global', placeOfService: '11' }, accession: 'visit' }));
    expect(() => loadProfiles(dir)).toThrow(Hl7ProfileError);
    expect(() => loadProfiles(dir)).toThrow(/bad\.json: accession/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const profiles = loadProfiles(path.join(FIXTURES, 'profiles'));
  expect(profiles.forSender('NORTHRIS', 'ANY').name).toBe('north-ris');
  expect(profiles.forSender('OTHER', 'X').name).toBe('default');
  expect(loadProfiles('/nonexistent-dir').forSender('A', 'B')).toEqual(BUILT_IN_DEFAULT_PROFILE);
  expect(Hl7ProfileSchema.safeParse(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'config', 'hl7-profiles', 'default.json'), 'utf8'))).success).toBe(true);
});

test('the raw message at rest: the shared PHI cipher under the payload key, opened after a rotation, tamper-evident; rows from before still open', () => {
  const k1 = { id: 'k1', key: Buffer.alloc(32, 7).toString('base64') };
  const k2 = { id: 'k2', key: Buffer.alloc(32, 9).toString('base64') };
  const { keyId, data } = sealRaw(new PhiCipher(k1), 'MSH|^~\\&|PID|||KESTREL');
  expect(keyId).toBe('phi');
  expect(data.toString('latin1')).not.toContain('KESTREL');
  // k2 current, k1 previous: the row written under k1 still opens
  const rotated = new PhiCipher(k2, [k1]);
  expect(openRaw(rotated, data, keyId, [k2, k1])).toBe('MSH|^~\\&|PID|||KESTREL');
  expect(() => openRaw(new PhiCipher(k2), data, keyId, [k2])).toThrow(/k1/);
  // read through a PHI-encrypting database handle: already opened
  expect(openRaw(rotated, Buffer.from('MSH|^~\\&|X'), keyId, [k2, k1])).toBe('MSH|^~\\&|X');
  data[data.length - 1]! ^= 1;
  expect(() => openRaw(rotated, data, keyId, [k2, k1])).toThrow();
  // a row stored before the shared cipher: IV | tag | ciphertext under its key id
  const iv = Buffer.alloc(12, 1);
  const legacy = createCipheriv('aes-256-gcm', Buffer.from(k1.key, 'base64'), iv);
  legacy.setAAD(Buffer.from('imaging-rcm hl7_messages.raw v1'));
  const body = Buffer.concat([legacy.update('MSH|^~\\&|OLD', 'utf8'), legacy.final()]);
  expect(openRaw(rotated, Buffer.concat([iv, legacy.getAuthTag(), body]), 'k1', [k2, k1])).toBe('MSH|^~\\&|OLD');
});

test('hl7-send files: one segment a line, a message per MSH, comments and blank lines skipped', () => {
  expect(messagesOf('# two orders\nMSH|a\r\nPID|1\n\nMSH|b\nPID|2\n')).toEqual(['MSH|a\rPID|1', 'MSH|b\rPID|2']);
});

test('DFT^P03 charges are the performed event of the accession in FT1-23: FT1-25 code, FT1-10 units, FT1-26 modifiers, FT1-4 date', () => {
  expect(map(parse('dft-p03-charges.hl7'))).toEqual({
    kind: 'performed',
    accession: 'ACC-HL7-5001',
    event: expect.objectContaining({ performedAt: '2026-11-25T14:10:00-06:00', placeOfService: '11', procedures: [expect.objectContaining({ cpt: '72148', units: 1, modifiers: [] })] }),
  });
  const twoUnits = Hl7Message.parse(readMessages(path.join(FIXTURES, 'dft-p03-charges.hl7'))[0]!.replace('|CG|MRLSPNWO^MRI lumbar spine wo^L|||1|', '|CG|MRLSPNWO^MRI lumbar spine wo^L|||2|').replace(/C4$/, 'C4|LT~XS'));
  expect(map(twoUnits)).toMatchObject({ event: { procedures: [{ cpt: '72148', units: 2, modifiers: ['LT', 'XS'] }] } });
  const credit = mappingError(() => map(Hl7Message.parse(readMessages(path.join(FIXTURES, 'dft-p03-charges.hl7'))[0]!.replace('|CG|', '|CD|'))));
  expect([credit.field, credit.code]).toEqual(['FT1-6', '103']);
});

test('OMI^O23 orders map as ORM^O01 does', () => {
  const m = map(Hl7Message.parse(readMessages(path.join(FIXTURES, 'orm-o01-new-order.hl7'))[0]!.replace('ORM^O01', 'OMI^O23')));
  expect(m).toMatchObject({ kind: 'intake', accession: 'ACC-HL7-5001' });
});

test('ORC-1 XO is an order change: the OBR-4 procedures through the profile and the ORC-12 ordering provider; XO with the exam-complete status is performed', () => {
  const text = readMessages(path.join(FIXTURES, 'orm-o01-exam-complete.hl7'))[0]!;
  expect(map(Hl7Message.parse(text.replace('ORC|SC|', 'ORC|XO|')))).toMatchObject({ kind: 'performed' });
  expect(map(parse('orm-o01-order-change.hl7'))).toEqual({
    kind: 'order-change',
    accession: 'ACC-HL7-7401',
    change: { procedures: [{ cpt: '72149', units: 1 }], orderingProviderNpi: '1306849450' },
  });
  // a RIS code the profile does not know: AE on OBR-4
  const unknown = edit('orm-o01-order-change.hl7', '72149^MRI lumbar spine with contrast^CPT4', 'MRLX^MRI lumbar with contrast^L');
  expect(mappingError(() => map(unknown))).toMatchObject({ field: 'OBR-4', code: '103' });
  const noProvider = edit('orm-o01-order-change.hl7', '1306849450^CUDDY^LISA^^^^^^NPI', '');
  expect(mappingError(() => map(Hl7Message.parse(noProvider.toString().replace('1306849450^CUDDY^LISA', ''))))).toMatchObject({ field: 'ORC-12', code: '101' });
});

test('the technologist of an exam-complete message: OBR-34 as NDL (ID&family&given) or written ID^family^given, or the field the profile names', () => {
  // the shipped fixture writes OBR-34 as ID^family^given
  expect(map(parse('orm-o01-exam-complete.hl7'))).toMatchObject({ kind: 'performed', event: { technologist: { id: 'TECH22', familyName: 'LANE', givenName: 'ROBIN' } } });
  const ndl = Hl7Message.parse(readMessages(path.join(FIXTURES, 'exam-complete-technologist.hl7'))[1]!);
  expect(map(ndl)).toMatchObject({ kind: 'performed', event: { technologist: { id: 'TECH44', familyName: 'QUILL', givenName: 'SAMIRA' } } });
  // none sent: none recorded
  const without = edit('orm-o01-exam-complete.hl7', '|TECH22^LANE^ROBIN', '');
  expect((map(without) as { event: { technologist?: unknown } }).event.technologist).toBeUndefined();
  // a profile that reads ORC-10 (entered by, XCN) instead, and one that reads none
  const orc10 = Hl7ProfileSchema.parse({ ...northris, technologist: { field: 'ORC-10' } });
  const text = readMessages(path.join(FIXTURES, 'orm-o01-exam-complete.hl7'))[0]!.replace('|20261124090000|||1234567893^HOUSE', '|20261124090000|T77^BIRCH^ALMA||1234567893^HOUSE');
  expect(map(Hl7Message.parse(text), orc10)).toMatchObject({ event: { technologist: { id: 'T77', familyName: 'BIRCH', givenName: 'ALMA' } } });
  expect((map(parse('orm-o01-exam-complete.hl7'), Hl7ProfileSchema.parse({ ...northris, technologist: null })) as { event: { technologist?: unknown } }).event.technologist).toBeUndefined();
  // a name without an identifier, an identifier that is not one: AE on the field, without the value in the words
  const nameOnly = mappingError(() => map(edit('orm-o01-exam-complete.hl7', '|TECH22^LANE^ROBIN', '|^LANE^ROBIN')));
  expect([nameOnly.field, nameOnly.code]).toEqual(['OBR-34.1', '101']);
  const badId = mappingError(() => map(edit('orm-o01-exam-complete.hl7', '|TECH22^LANE^ROBIN', '|TECH 22^LANE^ROBIN')));
  expect([badId.field, badId.code]).toEqual(['OBR-34.1', '102']);
  expect(badId.message).not.toContain('TECH');
});

test('DFT^P03 FT1-19: the diagnoses each charge points to, ICD-10-CM under a system of the profile; another system or a code that is not ICD-10-CM is AE on the field', () => {
  const messages = readMessages(path.join(FIXTURES, 'charges-only-center.hl7'));
  const dft = map(Hl7Message.parse(messages[1]!));
  expect(dft).toMatchObject({
    kind: 'performed',
    accession: 'ACC-HL7-5301',
    event: { procedures: [{ cpt: '72148', diagnoses: ['M54.16', 'M51.26'] }, { cpt: '72141', diagnoses: ['M50.20'] }] },
  });
  // a profile that does not read them: none
  const off = map(Hl7Message.parse(messages[1]!), Hl7ProfileSchema.parse({ ...northris, chargeDiagnoses: null })) as { event: { procedures: { diagnoses?: string[] }[] } };
  expect(off.event.procedures.map((p) => p.diagnoses)).toEqual([undefined, undefined]);
  const bad = mappingError(() => map(parse('dft-p03-bad-diagnosis.hl7')));
  expect([bad.field, bad.code]).toEqual(['FT1-19', '102']);
  const otherSystem = mappingError(() => map(Hl7Message.parse(messages[1]!.replace('M50.20^Other cervical disc displacement, unspecified level^I10', 'M50.20^Other cervical disc displacement^I9'))));
  expect([otherSystem.field, otherSystem.code]).toEqual(['FT1[2]-19.3', '103']);
  const ack = buildAck(parse('dft-p03-bad-diagnosis.hl7'), { ackCode: 'AE', error: { code: bad.code, field: bad.field, message: bad.message } }).toString();
  expect(ack).toMatch(/\rERR\|\|FT1\^1\^19\^1\|102\^Data type error\^HL70357\|E\|/);
});
