import type { QueryCreator } from 'kysely';
import type { Database } from '../schema';
import type { Db } from '../database';
import { type ClosedTaskAnswer, showTaskClosed, taskClosedUpdate } from './tasks';
import type { ExamIntake } from '../../workflows/exam/intake';
import type { ExamStatusView } from '../../workflows/exam/messages';
import { examViewProjection } from '../../workflows/exam/transition-record';

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

/**
 * The exam as its answer to a staff update showed it (phase, status, flags and the exam-read view), written to its
 * row at once: the exam answers before it records the transition, so that the next read agrees with the answer.
 * The exam's own record writes the same view; a row already at this transition or past it is left as it is.
 * `closedTask`: the task the answer closed (a resolve), written in the same statement.
 */
export async function showExamAsAnswered(db: Db, view: ExamStatusView, closedTask?: ClosedTaskAnswer): Promise<void> {
  const task = closedTask?.status === 'open' ? undefined : closedTask;
  // an answer from a worker of the release before (no seq) is recorded by its exam only
  if (!Number.isInteger(view.seq)) {
    if (task) await showTaskClosed(db, task);
    return;
  }
  const answered = (q: QueryCreator<Database>) =>
    q
      .updateTable('exams')
      .set({ phase: view.phase, status: view.status, escalated: view.escalated, exam_view: JSON.stringify(examViewProjection(view)), exam_view_seq: view.seq })
      .where('exam_id', '=', view.examId)
      .where((eb) => eb.or([eb('exam_view_seq', 'is', null), eb('exam_view_seq', '<', view.seq)]));
  // The task the answer closed, in the same statement: one commit for both rows. (The exams update does not read the
  // CTE, so the query creator is used as the plain schema's.)
  const withTask = task ? (db.with('task_closed', (qc) => taskClosedUpdate(qc, task).returning('task_id')) as unknown as QueryCreator<Database>) : db;
  await answered(withTask).execute();
}
