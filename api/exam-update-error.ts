import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ExamFailureType } from '../workflows/exam/messages';
import { ApiError, notFound } from './errors';

/**
 * An exam update refused by its validator (never in history) or a missing workflow, as the HTTP
 * error a client can act on: 422 invalid content, 409 conflict / not open, 404 unknown exam.
 */
export function examUpdateError(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure) {
      const details = (cause.details?.[0] as unknown) ?? undefined;
      switch (cause.type) {
        case ExamFailureType.invalid:
          return new ApiError(422, 'invalid_event', cause.message, details);
        case ExamFailureType.taskNotOpen:
          return new ApiError(409, 'task_not_open', 'the task is no longer open');
        case ExamFailureType.notOpen:
          return new ApiError(409, 'exam_not_open', 'the exam is no longer open');
        case ExamFailureType.conflict:
          return new ApiError(409, 'conflict', cause.message, details);
        default:
          break;
      }
      if (cause.type === 'ZodError') return new ApiError(422, 'invalid_event', 'the event is invalid');
    }
    return new ApiError(409, 'refused', 'the exam refused the request');
  }
  if (err instanceof WorkflowNotFoundError) return new ApiError(409, 'exam_not_open', 'the exam is closed');
  if (err instanceof ApiError) return err;
  return err;
}

export { notFound };
