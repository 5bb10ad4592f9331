import type { ActivityOptions } from '@temporalio/workflow';

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
