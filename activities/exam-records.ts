import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/database';
import { recordExamRow } from '../db/repositories/exams';
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
      try {
        await recordExamRow(db, { examId, intake, receivedAt: input.receivedAt });
      } catch (err) {
        // A value PostgreSQL cannot store (SQLSTATE class 22, e.g. a NUL character in a name) will never be stored
        // by retrying: the exam turns it into the front desk's interface-error. The code only: never the value.
        const code = (err as { code?: unknown }).code;
        if (typeof code === 'string' && code.startsWith('22')) {
          throw ApplicationFailure.create({ type: 'InvalidExamData', message: 'the order has a value the exam records cannot store', details: [{ code: `SQLSTATE-${code}` }], nonRetryable: true });
        }
        throw err;
      }
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
