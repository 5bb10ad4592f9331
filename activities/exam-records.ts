import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/database';
import type { ExamIntake } from '../workflows/exam/intake';

export interface ExamRecordsDeps {
  db: Db;
}

/** Writes of the exam read model (the `exams` projection). Each is one idempotent write. */
export function createExamRecordActivities({ db }: ExamRecordsDeps) {
  return {
    async recordExamIntake(input: { examId: string; intake: ExamIntake; receivedAt: string }): Promise<void> {
      const { examId, intake } = input;
      if (!examId) throw ApplicationFailure.create({ type: 'InvalidExamData', message: 'exam id missing', nonRetryable: true });
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
    },

    async recordExamPhase(input: { examId: string; phase: string; status: string }): Promise<void> {
      await db
        .updateTable('exams')
        .set({ phase: input.phase, status: input.status, updated_at: new Date() })
        .where('exam_id', '=', input.examId)
        .execute();
    },
  };
}
