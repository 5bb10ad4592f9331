import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Claim } from '../domain/coding/claim';
import type { SameDayExam } from '../domain/coding/same-day-edits';
import type { Database } from '../db/schema';
import type { StoredSameDayLine } from '../db/same-day-tables';

type Q = Kysely<Database>;

/**
 * The keyed hashes that stand for a patient in the same-day table: the MRN at its facility, and each member id
 * at its payer (either one matching is the same patient). HMAC-SHA256 under the configured key (base64), hex.
 * Identifiers are compared trimmed and upper-case.
 */
export function patientKeys(key: string, patient: { facilityId: string; mrn?: string; coverages: { payerId: string; memberId: string }[] }): string[] {
  const secret = Buffer.from(key, 'base64');
  const mac = (...parts: string[]): string => createHmac('sha256', secret).update(parts.join('\u001f')).digest('hex');
  const keys: string[] = [];
  const mrn = patient.mrn?.trim().toUpperCase();
  if (mrn) keys.push(mac('mrn', patient.facilityId, mrn));
  for (const c of patient.coverages) {
    const member = c.memberId.trim().toUpperCase();
    if (member && c.payerId) keys.push(mac('member', c.payerId, member));
  }
  return [...new Set(keys)].sort();
}

/** The patient keys of a recorded exam (from its intake); none when the exam is not recorded. */
export async function patientKeysOfExam(db: Q, examId: string, key: string): Promise<string[]> {
  const row = await db.selectFrom('exams').select(['facility_id', 'patient', 'coverages']).where('exam_id', '=', examId).executeTakeFirst();
  if (!row) return [];
  const mrn = typeof row.patient.mrn === 'string' ? row.patient.mrn : undefined;
  const coverages = (row.coverages as { payerId?: unknown; memberId?: unknown }[])
    .filter((c) => typeof c.payerId === 'string' && typeof c.memberId === 'string')
    .map((c) => ({ payerId: c.payerId as string, memberId: c.memberId as string }));
  return patientKeys(key, { facilityId: row.facility_id, ...(mrn ? { mrn } : {}), coverages });
}

/**
 * Takes the patient's locks (one per key, in order, for the transaction) and reads the coded lines of the
 * patient's other exams of the date, cancelled exams left out, the earliest coded first.
 */
export async function lockAndReadSameDay(trx: Q, examId: string, dateOfService: string, keys: readonly string[]): Promise<SameDayExam[]> {
  if (keys.length === 0) return [];
  for (const k of [...keys].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${`same-day:${k}`}, 0))`.execute(trx);
  return readSameDay(trx, examId, dateOfService, keys);
}

async function readSameDay(db: Q, examId: string, dateOfService: string, keys: readonly string[]): Promise<SameDayExam[]> {
  const rows = await db
    .selectFrom('same_day_lines as s')
    .innerJoin('exams as e', 'e.exam_id', 's.exam_id')
    .select(['s.exam_id', 's.lines'])
    .where('s.date_of_service', '=', dateOfService)
    .where(sql<boolean>`s.patient_keys && ${sql.val([...keys])}::text[]`)
    .where('s.exam_id', '<>', examId)
    .where('e.status', '<>', 'cancelled')
    .orderBy('s.coded_at')
    .orderBy('s.exam_id')
    .execute();
  return rows.map((r) => ({ examRef: r.exam_id, lines: r.lines }));
}

/** This exam's coded lines for its date (replacing an earlier coding); nothing without patient keys. */
export async function recordSameDayLines(trx: Q, examId: string, dateOfService: string, keys: readonly string[], claims: readonly Claim[]): Promise<void> {
  if (keys.length === 0) return;
  const lines: StoredSameDayLine[] = claims.flatMap((c) => c.lines.map((l) => ({ claimKind: c.kind, cpt: l.cpt, modifiers: [...l.modifiers], units: l.units })));
  await trx
    .insertInto('same_day_lines')
    .values({ exam_id: examId, date_of_service: dateOfService, patient_keys: [...keys], lines: JSON.stringify(lines), coded_at: new Date() })
    .onConflict((oc) =>
      oc.column('exam_id').doUpdateSet((eb) => ({
        date_of_service: eb.ref('excluded.date_of_service'),
        patient_keys: eb.ref('excluded.patient_keys'),
        lines: eb.ref('excluded.lines'),
        coded_at: eb.ref('excluded.coded_at'),
      })),
    )
    .execute();
}

/**
 * Every coded line of the patient's date of service of an exam: its own and its same-day exams' (the input of
 * `rankImagingMppr` for the expected payment). Empty when the exam was coded without same-day edits.
 */
export async function sameDayLinesOfExam(db: Q, examId: string): Promise<{ own: StoredSameDayLine[]; others: SameDayExam[] }> {
  const own = await db.selectFrom('same_day_lines').select(['date_of_service', 'patient_keys', 'lines']).where('exam_id', '=', examId).executeTakeFirst();
  if (!own) return { own: [], others: [] };
  return { own: own.lines, others: await readSameDay(db, examId, own.date_of_service, own.patient_keys) };
}
