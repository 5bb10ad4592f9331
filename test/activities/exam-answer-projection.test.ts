import { createLifecycleRecordActivities } from '../../activities/lifecycle-records';
import { showExamAsAnswered } from '../../db/repositories/exams';
import type { ExamStatusView } from '../../workflows/exam/messages';
import type { TransitionRecord } from '../../workflows/exam/transition-record';
import { type TestDatabase, createTestDatabase } from '../support/test-env';
import { insertExamFor } from './real-time-fixture';

/**
 * A staff update is answered before the exam records its transition: the API writes the answer's state to the exam's
 * row, and the exam's own records must never take the row back to an earlier state (nor the API's to an older one).
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const balances = (patientCents: number) => ({ chargeCents: 50_000, patientCents, patientPaidCents: 4_000 - patientCents, patientWrittenOffCents: 0 });

function answer(examId: string, seq: number, phase: string, patientCents: number): ExamStatusView {
  return {
    examId, accessionNumber: 'ACC-1', facilityId: 'fac-1', order: { modality: 'MR', procedures: [{ cpt: '72148' }], scheduledAt: '2026-11-25T14:00:00Z' },
    coverages: [{ payerId: 'medicare-b', order: 'primary' }], payerId: 'medicare-b', phase, status: phase === 'closed' ? 'closed' : 'open', escalated: false,
    selfPay: false, openTasks: [], nextTimers: [], claims: [], balances: balances(patientCents), report: { status: 'final', addenda: 0 }, performed: true, run: 1, seq,
  };
}

function record(examId: string, seq: number, phase: string, patientCents: number): TransitionRecord {
  return {
    examId, seq, at: new Date().toISOString(), run: 1, cause: { eventType: 'timer-fired', eventId: `timer:${seq}`, actor: null }, phase, status: phase === 'closed' ? 'closed' : 'open',
    escalated: false, tasks: [], effects: [], view: { nextTimers: [], claims: [], balances: balances(patientCents), report: { status: 'final', addenda: 0 } },
  };
}

async function row(examId: string) {
  const r = await database.db.selectFrom('exams').select(['phase', 'exam_view', 'exam_view_seq']).where('exam_id', '=', examId).executeTakeFirstOrThrow();
  return { phase: r.phase, patientCents: (r.exam_view as { balances: { patientCents: number } } | null)?.balances.patientCents, seq: r.exam_view_seq };
}

test("the answer's state is shown at once; a later record moves on from it, an earlier one leaves it", async () => {
  const { db } = database;
  const records = createLifecycleRecordActivities({ db });
  const examId = await insertExamFor(db);
  await records.recordTransition(record(examId, 7, 'patient_balance', 4_000));
  expect(await row(examId)).toEqual({ phase: 'patient_balance', patientCents: 4_000, seq: 7 });

  // The payment's answer (transition 8): the row shows it before the exam has recorded anything.
  await showExamAsAnswered(db, answer(examId, 8, 'closed', 0));
  expect(await row(examId)).toEqual({ phase: 'closed', patientCents: 0, seq: 8 });

  // A record of transition 7 written again (one that had failed and is retried) does not take the row back.
  await records.recordTransition(record(examId, 7, 'patient_balance', 4_000));
  expect(await row(examId)).toEqual({ phase: 'closed', patientCents: 0, seq: 8 });

  // An answer older than the row (a slow request) changes nothing either.
  await showExamAsAnswered(db, answer(examId, 6, 'patient_balance', 4_000));
  expect(await row(examId)).toEqual({ phase: 'closed', patientCents: 0, seq: 8 });

  // The exam's own record of transition 8, then 9: the row follows the exam again.
  await records.recordTransition(record(examId, 8, 'closed', 0));
  await records.recordTransition(record(examId, 9, 'closed', 0));
  expect(await row(examId)).toEqual({ phase: 'closed', patientCents: 0, seq: 9 });
});
