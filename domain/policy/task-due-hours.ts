import { z } from 'zod';

/** At most a year: a task due later than that is no deadline at all, and larger values overflow the dates computed from them. */
const hoursField = z.number().int().positive().max(8760, 'must be at most 8760 hours');

/**
 * How long staff have, by default, to work each kind of task (hours from when it opens).
 * Deadlines that come from the case itself (scheduled date, filing or appeal deadline) shorten these.
 */
export const TaskDueHoursSchema = z.object({
  'registration-fix': hoursField,
  'eligibility-review': hoursField,
  'prior-auth-obtain': hoursField,
  'prior-auth-mismatch': hoursField,
  'report-signature-overdue': hoursField,
  'coding-review': hoursField,
  'claim-rejected': hoursField,
  'timely-filing-risk': hoursField,
  'claim-follow-up': hoursField,
  'ar-escalation': hoursField,
  'denial-work': hoursField,
  'write-off-approval': hoursField,
  'patient-balance-review': hoursField,
  'remittance-unmatched': hoursField,
  'credit-balance-refund': hoursField,
  // Added later: a policy stored before them takes the default.
  'underpayment-review': hoursField.default(240),
  'no-show-review': hoursField.default(24),
  'claim-build-error': hoursField.default(48),
  'interface-error': hoursField.default(24),
  'stalled-exam': hoursField.default(24),
  'coverage-change-review': hoursField.default(72),
});
export type TaskDueHours = z.infer<typeof TaskDueHoursSchema>;
