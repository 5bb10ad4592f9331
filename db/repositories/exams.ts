import type { Db } from '../database';
import type { ExamIntake } from '../../workflows/exam/intake';

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

/**
 * The exam's read model as its order arrived (phase `intake`): written by the intake in the transaction that
 * reserves the accession number, so the exam reads back as soon as the intake answered. Written again by the
 * exam itself (exams from before, and orders whose first write failed): never over a row already there.
 */
export async function recordExamRow(db: Db, input: { examId: string; intake: ExamIntake; receivedAt: string }): Promise<void> {
  const { examId, intake } = input;
  await db
    .insertInto('exams')
    .values({
      exam_id: examId,
      accession_number: intake.accessionNumber,
      facility_id: intake.facility.id,
      patient: JSON.stringify(intake.patient),
      coverages: JSON.stringify(intake.coverages),
      order: JSON.stringify(intake.order),
      phase: 'intake',
      status: 'open',
      scheduled_at: intake.order.scheduledAt,
      created_at: input.receivedAt,
    })
    .onConflict((oc) => oc.column('exam_id').doNothing())
    .execute();
}
