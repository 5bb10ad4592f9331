import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/**
 * How long the exam's activities may take and how they are retried, sized to their work: one write or a
 * real-time X12 exchange takes seconds, so a worker that dies mid-activity has its work retried within
 * seconds. Every call is bounded: a non-retryable failure at once, any other once `scheduleToCloseTimeout` is
 * spent (long enough to ride out a database or clearinghouse restart); the exam then turns the failure into a
 * task (work-failure.ts) instead of retrying forever.
 */
const BOUND = '15 minutes';
const backoff = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } as const;

export const ACTIVITY_OPTIONS = {
  /** exam records and projections: one write, or reads then a write */
  records: { startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: BOUND, retry: { ...backoff, nonRetryableErrorTypes: ['InvalidExamData'] } },
  /** real-time payer exchanges (270/271, 278, 276/277) and claim or appeal submission through the clearinghouse port */
  payer: { startToCloseTimeout: '30 seconds', scheduleToCloseTimeout: BOUND, retry: { ...backoff, initialInterval: '2 seconds', maximumInterval: '1 minute' } },
  /** coding and scrubbing: reads reference data, computes, writes the coded claims */
  coding: { startToCloseTimeout: '15 seconds', scheduleToCloseTimeout: BOUND, retry: backoff },
  /** ledger postings: one balanced entry per call */
  ledger: { startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: BOUND, retry: backoff },
} satisfies Record<string, ActivityOptions>;

/**
 * The exam's records (policy and authorization look-ups, coverage and intake rows; not the transitions, whose
 * inputs the exam's timeline reads from history) and ledger postings (a write, or reads then a
 * write, of a few milliseconds) as local activities: run by the worker that runs the exam, without a round trip through the
 * Temporal server and with one marker in the history instead of three events and a workflow task. Same bounds.
 */
export const LOCAL_ACTIVITY_OPTIONS = {
  records: { startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: BOUND, localRetryThreshold: '10 seconds', retry: { ...backoff, nonRetryableErrorTypes: ['InvalidExamData'] } },
  /** ledger postings: one balanced entry per call */
  ledger: { startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: BOUND, localRetryThreshold: '10 seconds', retry: backoff },
} satisfies Record<string, LocalActivityOptions>;
