/**
 * Names that are API: renaming one breaks running exams. Importable from workflows, api and worker.
 */
export const EXAM_WORKFLOW_TYPE = 'examWorkflow';
export const DEFAULT_TASK_QUEUE = 'imaging-rcm';

const EXAM_ID = /^ex_[0-9a-z]{20}$/;

/** Exam ids are opaque (no PHI): "ex_" and 20 base-36 characters. */
export function isExamId(value: string): boolean {
  return EXAM_ID.test(value);
}

export function examWorkflowId(examId: string): string {
  if (!isExamId(examId)) throw new Error('not an exam id');
  return `exam:${examId}`;
}

/** The stalled-exam watchdog: its workflow type and the id of the Temporal Schedule that starts it. */
export const WATCHDOG_WORKFLOW_TYPE = 'watchdogWorkflow';
export const WATCHDOG_SCHEDULE_ID = 'rcm-exam-watchdog';
