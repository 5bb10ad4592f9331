import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { examStatusQuery } from '../../workflows/exam/messages';
import { examWorkflowId } from '../../workflows/names';

/** A pending activity retried this often is not "in flight" any more: it fails and fails again. */
export const FAILING_ACTIVITY_ATTEMPTS = 20;
/** A workflow task that failed this often (a bug, a nondeterminism error) makes no progress. */
export const FAILING_WORKFLOW_TASK_ATTEMPTS = 3;
/** How long one call to Temporal may take before the exam's check is inconclusive. */
const CALL_DEADLINE_MS = 5_000;

export type WorkflowStatusCode = 'running' | 'completed' | 'failed' | 'terminated' | 'cancelled' | 'timed-out' | 'continued-as-new' | 'paused' | 'not-found' | 'unknown';

/** What the watchdog saw of an exam's workflow: codes and counts only (no PHI, no error messages). */
export interface WorkflowSight {
  workflowStatus: WorkflowStatusCode;
  pendingActivities: number;
  /** the activity types in flight (code names) */
  pendingActivityTypes: string[];
  maxActivityAttempt: number;
  /** attempts of the workflow task in flight (more than one: it failed before) */
  workflowTaskAttempt: number;
  /** when the workflow task in flight was scheduled (the exam has an event or a result to take); null when none is */
  workflowTaskScheduledAt: string | null;
  /** from the exam's `status` query; null when it could not be asked */
  openTasks: number | null;
  nextTimer: { kind: string; dueAt: string } | null;
  phase: string | null;
  /** the exam workflow could not be asked (Temporal or the workers unreachable): no verdict */
  unreachable: boolean;
}

const STATUS_CODES: Record<string, WorkflowStatusCode> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TERMINATED: 'terminated',
  CANCELLED: 'cancelled',
  TIMED_OUT: 'timed-out',
  CONTINUED_AS_NEW: 'continued-as-new',
  PAUSED: 'paused',
};

/**
 * Asks Temporal about one exam's workflow: `describe()` for its status and what is in flight, then, while it
 * runs, its `status` query for open tasks and timers. Each call has a deadline.
 */
export async function inspectExamWorkflow(temporal: Client, examId: string): Promise<WorkflowSight> {
  const sight: WorkflowSight = {
    workflowStatus: 'unknown', pendingActivities: 0, pendingActivityTypes: [], maxActivityAttempt: 0, workflowTaskAttempt: 0, workflowTaskScheduledAt: null,
    openTasks: null, nextTimer: null, phase: null, unreachable: false,
  };
  const handle = temporal.workflow.getHandle(examWorkflowId(examId));
  try {
    const d = await temporal.withDeadline(Date.now() + CALL_DEADLINE_MS, () => handle.describe());
    sight.workflowStatus = STATUS_CODES[d.status.name] ?? 'unknown';
    const pending = d.raw.pendingActivities ?? [];
    sight.pendingActivities = pending.length;
    sight.pendingActivityTypes = [...new Set(pending.map((a) => a.activityType?.name ?? 'unknown'))].sort();
    sight.maxActivityAttempt = Math.max(0, ...pending.map((a) => a.attempt ?? 0));
    sight.workflowTaskAttempt = d.raw.pendingWorkflowTask?.attempt ?? 0;
    sight.workflowTaskScheduledAt = optionalTsToDate(d.raw.pendingWorkflowTask?.scheduledTime)?.toISOString() ?? null;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      sight.workflowStatus = 'not-found';
      return sight;
    }
    sight.unreachable = true;
    return sight;
  }
  if (sight.workflowStatus !== 'running') return sight;
  try {
    const view = await temporal.withDeadline(Date.now() + CALL_DEADLINE_MS, () => handle.query(examStatusQuery));
    sight.openTasks = view.openTasks.length;
    sight.phase = view.phase;
    const next = [...view.nextTimers].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    sight.nextTimer = next ? { kind: next.kind, dueAt: next.dueAt } : null;
  } catch {
    // A workflow task that keeps failing answers no query: the describe above says so. Anything else is an outage.
    if (sight.workflowTaskAttempt < FAILING_WORKFLOW_TASK_ATTEMPTS) sight.unreachable = true;
  }
  return sight;
}

export type StalledReason = 'workflow-not-running' | 'workflow-task-failing' | 'workflow-task-waiting' | 'activity-failing' | 'nothing-pending';

/**
 * The verdict on what was seen at `at`: healthy (an activity in flight, a timer that will fire, an open task, a
 * workflow task a worker will take), stalled (with the reason), or inconclusive. A timer counts while it is not
 * overdue by more than `graceMs` (a timer just due is being fired); so does a workflow task scheduled less than
 * `graceMs` ago (a burst's backlog: the exam has an event or a result to take and waits for a worker). One waiting
 * longer is `workflow-task-waiting`: no worker took the exam's work. `healthyUntil`: the next timer, when that is
 * what keeps the exam going.
 */
export function judge(
  sight: WorkflowSight,
  at: Date,
  graceMs: number,
): { verdict: 'healthy'; healthyUntil: Date | null } | { verdict: 'stalled'; reason: StalledReason } | { verdict: 'inconclusive' } {
  if (sight.unreachable) return { verdict: 'inconclusive' };
  if (sight.workflowStatus !== 'running') return { verdict: 'stalled', reason: 'workflow-not-running' };
  if (sight.workflowTaskAttempt >= FAILING_WORKFLOW_TASK_ATTEMPTS) return { verdict: 'stalled', reason: 'workflow-task-failing' };
  const timerAhead = sight.nextTimer !== null && Date.parse(sight.nextTimer.dueAt) > at.getTime() - graceMs;
  if ((sight.openTasks ?? 0) > 0) return { verdict: 'healthy', healthyUntil: null };
  if (timerAhead) return { verdict: 'healthy', healthyUntil: new Date(Date.parse(sight.nextTimer!.dueAt)) };
  if (sight.pendingActivities > 0) {
    if (sight.maxActivityAttempt >= FAILING_ACTIVITY_ATTEMPTS) return { verdict: 'stalled', reason: 'activity-failing' };
    return { verdict: 'healthy', healthyUntil: null };
  }
  if (sight.workflowTaskScheduledAt !== null) {
    if (Date.parse(sight.workflowTaskScheduledAt) <= at.getTime() - graceMs) return { verdict: 'stalled', reason: 'workflow-task-waiting' };
    return { verdict: 'healthy', healthyUntil: null };
  }
  return { verdict: 'stalled', reason: 'nothing-pending' };
}
