import type { Db } from '../database';
import type { ExamIntake } from '../../workflows/exam/intake';
import type { ExamViewProjection } from '../../workflows/exam/transition-record';

/** An open task as the exam read lists it. */
export interface OpenTaskView {
  taskId: string;
  type: string;
  queue: string;
  priority: string;
  dueAt: string | null;
  escalated: boolean;
  claimId: string | null;
}

/** The exam as PostgreSQL holds it: its intake, its row (null when not written yet) and its open tasks. */
export interface StoredExamView {
  accessionNumber: string;
  exam: {
    facilityId: string;
    order: ExamIntake['order'];
    coverages: ExamIntake['coverages'];
    phase: string;
    status: string;
    escalated: boolean;
    /** null until the exam recorded a transition with it */
    view: ExamViewProjection | null;
  } | null;
  openTasks: OpenTaskView[];
}

/** What an exam's read shows before its workflow recorded anything: nothing billed, nothing due, no report. */
export const NOTHING_RECORDED: ExamViewProjection = {
  nextTimers: [],
  claims: [],
  balances: { chargeCents: 0, patientCents: 0, patientPaidCents: 0, patientWrittenOffCents: 0 },
  report: { status: 'none', addenda: 0 },
};

/** The intake and the exam's row, by their primary keys (the row may not be written yet). */
export function storedExamRowQuery(db: Db, examId: string) {
  return db
    .selectFrom('exam_intakes')
    .leftJoin('exams', 'exams.exam_id', 'exam_intakes.exam_id')
    .select([
      'exam_intakes.accession_number',
      'exams.exam_id',
      'exams.facility_id',
      'exams.order',
      'exams.coverages',
      'exams.phase',
      'exams.status',
      'exams.escalated',
      'exams.exam_view',
    ])
    .where('exam_intakes.exam_id', '=', examId);
}

/** The exam's open tasks, through `tasks_exam_idx` (exam id, opened at). */
export function openTasksQuery(db: Db, examId: string) {
  return db
    .selectFrom('tasks')
    .select(['task_id', 'type', 'queue', 'priority', 'due_at', 'escalated', 'claim_id'])
    .where('exam_id', '=', examId)
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .orderBy('task_id');
}

/**
 * The exam read from PostgreSQL alone: two index lookups run side by side (the intake and the exam's row by their
 * primary keys, joined; the exam's open tasks through `tasks_exam_idx`). Undefined when no intake has this id.
 */
export async function readStoredExamView(db: Db, examId: string): Promise<StoredExamView | undefined> {
  const [row, tasks] = await Promise.all([
    storedExamRowQuery(db, examId).executeTakeFirst(),
    openTasksQuery(db, examId).execute(),
  ]);
  if (!row) return undefined;
  return {
    accessionNumber: row.accession_number,
    exam: row.exam_id
      ? {
          facilityId: row.facility_id!,
          order: row.order as unknown as ExamIntake['order'],
          coverages: row.coverages as unknown as ExamIntake['coverages'],
          phase: row.phase!,
          status: row.status!,
          escalated: row.escalated ?? false,
          view: (row.exam_view as ExamViewProjection | null) ?? null,
        }
      : null,
    openTasks: tasks.map((t) => ({
      taskId: t.task_id,
      type: t.type,
      queue: t.queue,
      priority: t.priority,
      dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
      escalated: t.escalated,
      claimId: t.claim_id,
    })),
  };
}
