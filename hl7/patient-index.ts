import type { Db } from '../db/database';
import { withPhiEncryption } from '../db/phi-encryption';
import type { PhiCipher } from '../platform/phi-cipher';

const BATCH = 500;

/** The keyed hash an exam's patient is found by: HMAC of the MRN under the PHI lookup key (never the MRN itself). */
export const patientLookupOf = (cipher: PhiCipher, mrn: string): string => cipher.lookupHash('mrn', mrn);

/**
 * Indexes the open exams not indexed yet (exams ordered since the last look, by HL7 or the JSON API): their MRN is
 * read decrypted and only its keyed hash is stored. Returns how many were indexed.
 */
export async function indexOpenExams(db: Db, cipher: PhiCipher): Promise<number> {
  const phiDb = withPhiEncryption(db, cipher);
  let total = 0;
  for (;;) {
    const rows = await phiDb
      .selectFrom('exams as e')
      .leftJoin('hl7_patient_index as i', 'i.exam_id', 'e.exam_id')
      .select(['e.exam_id', 'e.facility_id', 'e.patient'])
      .where('i.exam_id', 'is', null)
      .where('e.status', '=', 'open')
      .orderBy('e.exam_id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return total;
    await db
      .insertInto('hl7_patient_index')
      .values(rows.map((r) => ({ exam_id: r.exam_id, facility_id: r.facility_id, patient_lookup: patientLookupOf(cipher, String((r.patient as { mrn?: unknown }).mrn ?? '')) })))
      .onConflict((oc) => oc.column('exam_id').doNothing())
      .execute();
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/** The open exams of a patient (by MRN) at a facility, oldest first. */
export async function openExamsOfPatient(db: Db, cipher: PhiCipher, facilityId: string, mrn: string): Promise<string[]> {
  await indexOpenExams(db, cipher);
  const rows = await db
    .selectFrom('hl7_patient_index as i')
    .innerJoin('exams as e', 'e.exam_id', 'i.exam_id')
    .select('e.exam_id')
    .where('i.patient_lookup', '=', patientLookupOf(cipher, mrn))
    .where('i.facility_id', '=', facilityId)
    .where('e.status', '=', 'open')
    .orderBy('e.created_at')
    .orderBy('e.exam_id')
    .execute();
  return rows.map((r) => r.exam_id);
}
