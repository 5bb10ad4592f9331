import { addDuration, compareInstants, days, DEFAULT_GLOBAL_CONFIG, earliest, filingDeadlineFor, hours, subtractDuration, timerDurations, type PayerPolicy } from '../policy';
import { priorAuthResponseDueAt, type OrderPriority } from '../prior-auth';
import { TASK_DEFINITIONS, type TaskType } from './task-type';

export interface TaskDueContext {
  now: string;
  orderPriority: OrderPriority;
  scheduledAt?: string;
  /** Date of service, when known: the filing deadline counts from it. */
  dateOfService?: string;
  /** When the current appeal window closes, for denial work. */
  appealDeadline?: string;
}

/**
 * The last day to file for a date of service: the payer's days after it, or one calendar year after it (Medicare: the
 * same month and day the next year, never 365 days). `byBasis` false counts days whatever the basis (exams from before).
 */
export function filingDeadline(policy: PayerPolicy, dateOfService: string, byBasis = true): string {
  if (byBasis && policy.timelyFiling.basis === 'one-calendar-year') return filingDeadlineFor(dateOfService, policy.timelyFiling);
  return addDuration(dateOfService, days(policy.timelyFiling.days));
}

/**
 * When a new task is due: the policy's hours for its type, brought forward to the case's own
 * deadline (exam date, payer response window, filing deadline, appeal deadline) when that comes
 * first; a deadline already past makes the task due now.
 */
export function taskDueAt(type: TaskType, policy: PayerPolicy, ctx: TaskDueContext): string {
  // A policy stored before a task type existed has no hours for it: the global default applies.
  const byPolicy = addDuration(ctx.now, timerDurations(policy).taskDue[type] ?? hours(DEFAULT_GLOBAL_CONFIG.policyDefaults.taskDueHours[type]));
  let cap: string | undefined;
  switch (TASK_DEFINITIONS[type].due) {
    case 'before-scheduled-exam':
      cap = ctx.scheduledAt;
      break;
    case 'prior-auth-response':
      cap = earliest(priorAuthResponseDueAt(policy, ctx.orderPriority, ctx.now), ...(ctx.scheduledAt ? [ctx.scheduledAt] : []));
      break;
    case 'before-filing-deadline':
      cap = ctx.dateOfService ? subtractDuration(filingDeadline(policy, ctx.dateOfService), days(1)) : undefined;
      break;
    case 'before-appeal-deadline':
      cap = ctx.appealDeadline;
      break;
    case 'policy-hours':
      break;
  }
  if (cap === undefined) return byPolicy;
  const notBeforeNow = compareInstants(cap, ctx.now) < 0 ? ctx.now : cap;
  return earliest(byPolicy, notBeforeNow);
}
