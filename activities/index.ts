import { createExamRecordActivities, type ExamRecordsDeps } from './exam-records';

export type ActivityDeps = ExamRecordsDeps;

/** Every activity of the engine, built from real dependencies by the worker. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createExamRecordActivities(deps),
  };
}
