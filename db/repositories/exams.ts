import type { Db } from '../database';

export type IntakeClaim =
  | { outcome: 'new'; examId: string; receivedAt: string }
  | { outcome: 'same'; examId: string; receivedAt: string }
  | { outcome: 'conflict'; examId: string };

/**
 * Reserves an accession number for an exam: the unique key makes order intake idempotent
 * (same body: the same exam; a different body: a conflict).
 */
export async function claimAccessionNumber(db: Db, input: { accessionNumber: string; examId: string; bodySha256: string }): Promise<IntakeClaim> {
  const inserted = await db
    .insertInto('exam_intakes')
    .values({ accession_number: input.accessionNumber, exam_id: input.examId, body_sha256: input.bodySha256 })
    .onConflict((oc) => oc.column('accession_number').doNothing())
    .returning(['exam_id', 'created_at'])
    .executeTakeFirst();
  if (inserted) return { outcome: 'new', examId: inserted.exam_id, receivedAt: inserted.created_at.toISOString() };
  const existing = await db.selectFrom('exam_intakes').selectAll().where('accession_number', '=', input.accessionNumber).executeTakeFirstOrThrow();
  if (existing.body_sha256 !== input.bodySha256) return { outcome: 'conflict', examId: existing.exam_id };
  return { outcome: 'same', examId: existing.exam_id, receivedAt: existing.created_at.toISOString() };
}

export async function findIntake(db: Db, examId: string) {
  return db.selectFrom('exam_intakes').selectAll().where('exam_id', '=', examId).executeTakeFirst();
}

export async function findExam(db: Db, examId: string) {
  return db.selectFrom('exams').selectAll().where('exam_id', '=', examId).executeTakeFirst();
}
