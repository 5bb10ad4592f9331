import { z } from 'zod';
import type { TaskDueHours } from '../policy';

export const TaskTypeSchema = z.enum([
  'registration-fix',
  'eligibility-review',
  'prior-auth-obtain',
  'prior-auth-mismatch',
  'report-signature-overdue',
  'coding-review',
  'claim-rejected',
  'timely-filing-risk',
  'claim-follow-up',
  'ar-escalation',
  'denial-work',
  'write-off-approval',
  'patient-balance-review',
  'remittance-unmatched',
  'credit-balance-refund',
  'underpayment-review',
  'no-show-review',
  'claim-build-error',
  'interface-error',
  'stalled-exam',
  'coverage-change-review',
]);
export type TaskType = z.infer<typeof TaskTypeSchema>;

export const QueueRoleSchema = z.enum(['front_desk', 'coder', 'biller', 'supervisor']);
export type QueueRole = z.infer<typeof QueueRoleSchema>;

export const TaskPrioritySchema = z.enum(['urgent', 'high', 'normal', 'low']);
export type TaskPriority = z.infer<typeof TaskPrioritySchema>;

/** Sort key for work queues: lower first. */
export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * How the deadline of a task is set, beyond the policy's default hours for its type:
 * `before-scheduled-exam` never after the exam date, `prior-auth-response` the payer's
 * response window (72 h urgent / 7 days standard), `before-filing-deadline` never after the timely
 * filing deadline, `before-appeal-deadline` never after the appeal window closes.
 */
export type DueRule = 'policy-hours' | 'before-scheduled-exam' | 'prior-auth-response' | 'before-filing-deadline' | 'before-appeal-deadline';

export interface TaskDefinition {
  queue: QueueRole;
  priority: TaskPriority;
  due: DueRule;
  /** Tasks about one claim carry its id; at most one open task of a type per claim (or per exam). */
  scope: 'exam' | 'claim';
  /** What the task asks of the person who picks it up. */
  summary: string;
}

export const TASK_DEFINITIONS: Record<TaskType, TaskDefinition> = {
  'registration-fix': { queue: 'front_desk', priority: 'high', due: 'before-scheduled-exam', scope: 'exam', summary: 'correct missing or invalid registration data' },
  'eligibility-review': { queue: 'front_desk', priority: 'high', due: 'before-scheduled-exam', scope: 'exam', summary: 'resolve coverage: inactive, not found, mismatch or payer down' },
  'prior-auth-obtain': { queue: 'front_desk', priority: 'high', due: 'prior-auth-response', scope: 'exam', summary: 'obtain the prior authorization the payer requires' },
  'prior-auth-mismatch': { queue: 'front_desk', priority: 'high', due: 'before-filing-deadline', scope: 'exam', summary: 'performed procedures differ from the authorization' },
  'report-signature-overdue': { queue: 'front_desk', priority: 'normal', due: 'before-filing-deadline', scope: 'exam', summary: 'the final report is not signed yet' },
  'coding-review': { queue: 'coder', priority: 'normal', due: 'before-filing-deadline', scope: 'exam', summary: 'review coding findings the scrubber cannot fix' },
  'claim-rejected': { queue: 'biller', priority: 'high', due: 'before-filing-deadline', scope: 'claim', summary: 'fix and resubmit a rejected claim' },
  'timely-filing-risk': { queue: 'biller', priority: 'urgent', due: 'before-filing-deadline', scope: 'exam', summary: 'the filing deadline is near and no claim is accepted' },
  'claim-follow-up': { queue: 'biller', priority: 'normal', due: 'policy-hours', scope: 'claim', summary: 'no remittance yet: follow up with the payer' },
  'ar-escalation': { queue: 'supervisor', priority: 'high', due: 'policy-hours', scope: 'claim', summary: 'claim unpaid past the A/R escalation threshold' },
  'denial-work': { queue: 'biller', priority: 'high', due: 'before-appeal-deadline', scope: 'claim', summary: 'work the denial: appeal, correct or request a write-off' },
  'write-off-approval': { queue: 'supervisor', priority: 'normal', due: 'policy-hours', scope: 'claim', summary: 'approve or reject a write-off' },
  'patient-balance-review': { queue: 'biller', priority: 'normal', due: 'policy-hours', scope: 'exam', summary: 'review the patient balance before collections' },
  'remittance-unmatched': { queue: 'biller', priority: 'normal', due: 'policy-hours', scope: 'exam', summary: 'a remittance does not match a claim of this exam' },
  'credit-balance-refund': { queue: 'biller', priority: 'high', due: 'policy-hours', scope: 'exam', summary: 'refund or apply a credit balance' },
  'underpayment-review': { queue: 'biller', priority: 'normal', due: 'policy-hours', scope: 'claim', summary: 'the payer paid less than the expected reimbursement: accept, appeal or ask for reprocessing' },
  'no-show-review': { queue: 'front_desk', priority: 'normal', due: 'policy-hours', scope: 'exam', summary: 'the exam was not reported performed after its scheduled date: performed, reschedule or cancel' },
  'claim-build-error': { queue: 'biller', priority: 'high', due: 'before-filing-deadline', scope: 'claim', summary: 'the claim could not be built or sent: correct the registration or payer data, then retry' },
  'interface-error': { queue: 'front_desk', priority: 'high', due: 'policy-hours', scope: 'exam', summary: 'data received from an interface could not be used: correct it at the source or here, then retry' },
  'stalled-exam': { queue: 'supervisor', priority: 'urgent', due: 'policy-hours', scope: 'exam', summary: 'an open exam has no work in flight, no timer and no open task' },
  'coverage-change-review': { queue: 'biller', priority: 'high', due: 'before-filing-deadline', scope: 'exam', summary: 'the coverage changed after the claim was sent: the claim may need a correction (void and rebill, or a replacement)' },
};

/** Compile-time check: the policy has a default due time for every task type and no other. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
export const TASK_TYPES_MATCH_POLICY: SameKeys<Record<TaskType, unknown>, TaskDueHours> = true;
