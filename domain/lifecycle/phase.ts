import { z } from 'zod';

/** The phases of an exam (DESIGN §2), in lifecycle order. */
export const PhaseSchema = z.enum([
  'intake',
  'eligibility',
  'prior_auth',
  'awaiting_exam',
  'awaiting_report',
  'coding',
  'submission',
  'adjudication',
  'appeal',
  'patient_balance',
  'closed',
  'cancelled',
]);
export type Phase = z.infer<typeof PhaseSchema>;

export const TERMINAL_PHASES: readonly Phase[] = ['closed', 'cancelled'];

export function isTerminal(phase: Phase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

/** Phases in which the exam has not been performed yet (a `performed` event is expected). */
export const PRE_EXAM_PHASES: readonly Phase[] = ['intake', 'eligibility', 'prior_auth', 'awaiting_exam'];

/** Phases in which at least one claim has been sent to the payer. */
export const POST_SUBMISSION_PHASES: readonly Phase[] = ['submission', 'adjudication', 'appeal', 'patient_balance'];
