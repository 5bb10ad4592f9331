import type { Effect } from './effect';
import type { ExamState } from './exam-state';

export type RejectionCode =
  | 'out-of-order'
  | 'invalid-in-phase'
  | 'terminal'
  | 'conflict'
  | 'unknown-claim'
  | 'task-not-open'
  | 'invalid-resolution'
  | 'invalid-event';

export interface LifecycleRejection {
  code: RejectionCode;
  /** Safe to show and log: codes and phases only, no patient data. */
  message: string;
  details?: { path: string; message: string }[];
}

export type IgnoredReason = 'duplicate' | 'stale-timer' | 'stale-acknowledgment';

export type Transition =
  | { outcome: 'applied'; state: ExamState; effects: Effect[] }
  | { outcome: 'ignored'; reason: IgnoredReason; state: ExamState; effects: [] }
  | { outcome: 'rejected'; rejection: LifecycleRejection; state: ExamState; effects: [] };

/** For callers that prefer exceptions (e.g. an update validator). */
export class ExamTransitionRejectedError extends Error {
  readonly code: RejectionCode;
  constructor(readonly rejection: LifecycleRejection) {
    super(rejection.message);
    this.name = 'ExamTransitionRejectedError';
    this.code = rejection.code;
  }
}
