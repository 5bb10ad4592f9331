import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Db } from '../../db/database';
import { withPhiEncryption } from '../../db/phi-encryption';
import { encryptPhiAtRest } from '../../db/phi-migration';
import { findDocument } from '../../db/repositories/documents';
import { findExam } from '../../db/repositories/exams';
import { PhiCipher } from '../../platform/phi-cipher';
import { type TestDatabase, createTestDatabase } from '../support/test-env';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const key = (id: string) => ({ id, key: randomBytes(32).toString('base64') });
const NAME = 'Wolstenholme';
const MEMBER = '8HJ2KP4TW61';
const X12 = `ISA*00*~NM1*IL*1*${NAME.toUpperCase()}*IMOGEN****MI*${MEMBER}~DMG*D8*19290711*F~`;
const PDF = Buffer.from(`%PDF-1.7 statement for Imogen ${NAME}`);

/** Rows as the engine wrote them before encryption at rest: in clear. */
async function legacyRows(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await db.insertInto('exams').values({
      exam_id: `ex_legacy_${i}`, accession_number: `ACC-L-${i}`, facility_id: 'main', phase: 'closed', status: 'closed',
      patient: JSON.stringify({ firstName: 'Imogen', lastName: NAME, birthDate: '1929-07-11', mrn: `MRN-L${i}` }),
      coverages: JSON.stringify([{ payerId: 'medicare-b', memberId: MEMBER, relationship: 'self', order: 'primary' }]),
      order: JSON.stringify({ modality: 'MR', procedures: [{ cpt: '72148' }] }),
    }).execute();
    await db.insertInto('x12_documents').values({ id: `doc_legacy_${i}`, direction: 'outbound', transaction_type: '837P', source: 'test', sha256: 'x', size_bytes: X12.length, raw: X12 }).execute();
    await db.insertInto('documents').values({ id: `pdf_legacy_${i}`, exam_id: null, claim_id: null, kind: 'statement', content_type: 'application/pdf', idempotency_key: `legacy-${i}`, sha256: 'x', size_bytes: PDF.length, bytes: PDF }).execute();
  }
}

async function clearTextRows(): Promise<string[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const hits: string[] = [];
    for (const table of ['exams', 'x12_documents', 'documents']) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      for (const r of rows) {
        const text = r.row.toLowerCase();
        if (text.includes(NAME.toLowerCase()) || text.includes(MEMBER.toLowerCase()) || text.includes(Buffer.from(NAME).toString('hex'))) hits.push(table);
      }
    }
    return hits;
  } finally {
    await client.end();
  }
}

test('phi:encrypt encrypts rows stored in clear in batches, is idempotent, and re-encrypts under the new key after a rotation', async () => {
  await legacyRows(database.db, 5);
  const first = key('2026-a');
  const cipher = new PhiCipher(first);
  const app = withPhiEncryption(database.db, cipher);
  // Before the migration the application reads the rows in clear as they are.
  expect((await findExam(app, 'ex_legacy_0'))!.patient).toMatchObject({ lastName: NAME });
  expect((await clearTextRows()).length).toBeGreaterThan(0);

  const counts = await encryptPhiAtRest(database.db, cipher, { batchSize: 2 });
  expect(counts.exams).toEqual({ rows: 5, encrypted: 5 });
  expect(counts.x12_documents).toEqual({ rows: 5, encrypted: 5 });
  expect(counts.documents).toEqual({ rows: 5, encrypted: 5 });
  expect(await clearTextRows()).toEqual([]);
  // The application reads the same data back.
  const exam = (await findExam(app, 'ex_legacy_3'))!;
  expect(exam.patient).toMatchObject({ lastName: NAME, mrn: 'MRN-L3' });
  expect(exam.coverages).toEqual([expect.objectContaining({ memberId: MEMBER })]);
  expect(exam.order).toEqual({ modality: 'MR', procedures: [{ cpt: '72148' }] });
  expect((await app.selectFrom('x12_documents').select('raw').where('id', '=', 'doc_legacy_3').executeTakeFirstOrThrow()).raw).toBe(X12);
  expect((await findDocument(app, 'pdf_legacy_3'))!.bytes.equals(PDF)).toBe(true);

  // Again: nothing left to do.
  const again = await encryptPhiAtRest(database.db, cipher);
  expect(Object.values(again).every((c) => c.encrypted === 0)).toBe(true);

  // Rotation: a new current key, the old one kept as previous; the rows are read before and re-encrypted by the run.
  const secondKey = key('2026-b');
  const second = new PhiCipher(secondKey, [first]);
  const rotated = withPhiEncryption(database.db, second);
  expect((await findExam(rotated, 'ex_legacy_1'))!.patient).toMatchObject({ lastName: NAME });
  const moved = await encryptPhiAtRest(database.db, second);
  expect(moved.exams).toEqual({ rows: 5, encrypted: 5 });
  const stored = await database.db.selectFrom('exams').select(['patient', 'coverages', 'order']).where('exam_id', '=', 'ex_legacy_1').executeTakeFirstOrThrow();
  expect([second.keyIdOf(stored.patient), second.keyIdOf(stored.coverages), second.keyIdOf(stored.order)]).toEqual(['2026-b', '2026-b', '2026-b']);
  // Now the old key can go: the new one alone reads everything.
  const only = withPhiEncryption(database.db, new PhiCipher(secondKey));
  expect((await findExam(only, 'ex_legacy_4'))!.coverages).toEqual([expect.objectContaining({ memberId: MEMBER })]);
});

test('writes through the application handle are stored encrypted (insert, update, upsert) and read back in clear', async () => {
  const cipher = new PhiCipher(key('app-1'));
  const app = withPhiEncryption(database.db, cipher);
  const patient = { firstName: 'Imogen', lastName: NAME, birthDate: '1929-07-11' };
  const row = { exam_id: 'ex_app_1', accession_number: 'ACC-APP-1', facility_id: 'main', phase: 'intake', status: 'open', patient: JSON.stringify(patient), coverages: '[]', order: '{}' };
  await app.insertInto('exams').values(row).execute();
  await app.updateTable('exams').set({ coverages: JSON.stringify([{ memberId: MEMBER }]) }).where('exam_id', '=', 'ex_app_1').execute();
  await app.insertInto('exams').values(row).onConflict((oc) => oc.column('exam_id').doUpdateSet({ patient: JSON.stringify({ ...patient, mrn: 'MRN-UPSERT' }) })).execute();
  const stored = await database.db.selectFrom('exams').select(['patient', 'coverages', 'order']).where('exam_id', '=', 'ex_app_1').executeTakeFirstOrThrow();
  expect([cipher.keyIdOf(stored.patient), cipher.keyIdOf(stored.coverages), cipher.keyIdOf(stored.order)]).toEqual(['app-1', 'app-1', 'app-1']);
  const read = (await findExam(app, 'ex_app_1'))!;
  expect(read.patient).toEqual({ ...patient, mrn: 'MRN-UPSERT' });
  expect(read.coverages).toEqual([{ memberId: MEMBER }]);
  expect(read.order).toEqual({});
});
