// The worker loads this one file: every workflow type is exported here.
import type { examWorkflow as ExamWorkflow } from './exam/workflow';

export { ingestionWorkflow } from './ingestion/workflow';
export { watchdogWorkflow } from './watchdog/workflow';

/**
 * The exam's workflow, its modules loaded when an exam first runs in a workflow context rather than when any
 * workflow starts. The worker's sandbox evaluates the bundle's imported modules for every workflow it creates:
 * the exam's lifecycle rules, payer policies and schemas would otherwise be evaluated for each payer file's
 * ingestion workflow too (three per exam when a clearinghouse answers claim by claim). Loading issues no
 * command, so histories replay unchanged.
 */
export function examWorkflow(...args: Parameters<typeof ExamWorkflow>): ReturnType<typeof ExamWorkflow> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exam = require('./exam/workflow') as { examWorkflow: typeof ExamWorkflow };
  return exam.examWorkflow(...args);
}
