import { FAILING_ACTIVITY_ATTEMPTS, FAILING_WORKFLOW_TASK_ATTEMPTS, type WorkflowSight, judge } from '../../../activities/watchdog/inspect-exam-workflow';

const at = new Date('2026-12-06T12:00:00Z');
const grace = 10 * 60_000;
const running: WorkflowSight = {
  workflowStatus: 'running', pendingActivities: 0, pendingActivityTypes: [], maxActivityAttempt: 0, workflowTaskAttempt: 0,
  workflowTaskScheduledAt: null, openTasks: 0, nextTimer: null, phase: 'submission', unreachable: false,
};

test('an open exam is healthy with an open task, a timer that will fire or an activity in flight', () => {
  expect(judge({ ...running, openTasks: 1 }, at, grace)).toEqual({ verdict: 'healthy', healthyUntil: null });
  expect(judge({ ...running, nextTimer: { kind: 'no-show', dueAt: '2026-12-09T12:00:00Z' } }, at, grace)).toEqual({
    verdict: 'healthy',
    healthyUntil: new Date('2026-12-09T12:00:00Z'),
  });
  // a timer just due is being fired
  expect(judge({ ...running, nextTimer: { kind: 'no-show', dueAt: '2026-12-06T11:55:00Z' } }, at, grace).verdict).toBe('healthy');
  expect(judge({ ...running, pendingActivities: 1, maxActivityAttempt: 3 }, at, grace)).toEqual({ verdict: 'healthy', healthyUntil: null });
});

test('stalled: nothing pending, a timer long overdue, an activity or workflow task failing over and over, a workflow not running', () => {
  expect(judge(running, at, grace)).toEqual({ verdict: 'stalled', reason: 'nothing-pending' });
  expect(judge({ ...running, nextTimer: { kind: 'no-show', dueAt: '2026-12-06T11:00:00Z' } }, at, grace)).toEqual({ verdict: 'stalled', reason: 'nothing-pending' });
  expect(judge({ ...running, pendingActivities: 1, maxActivityAttempt: FAILING_ACTIVITY_ATTEMPTS }, at, grace)).toEqual({ verdict: 'stalled', reason: 'activity-failing' });
  expect(judge({ ...running, openTasks: null, workflowTaskAttempt: FAILING_WORKFLOW_TASK_ATTEMPTS }, at, grace)).toEqual({ verdict: 'stalled', reason: 'workflow-task-failing' });
  for (const workflowStatus of ['completed', 'failed', 'terminated', 'timed-out', 'not-found'] as const) {
    expect(judge({ ...running, workflowStatus, openTasks: null }, at, grace)).toEqual({ verdict: 'stalled', reason: 'workflow-not-running' });
  }
});

test('a workflow task waiting for a worker (a burst backlog) is work in hand; waiting past the grace, no worker took it', () => {
  // an event or a result the exam has yet to take: not stalled while a worker may still get to it
  expect(judge({ ...running, workflowTaskAttempt: 1, workflowTaskScheduledAt: '2026-12-06T11:52:00Z' }, at, grace)).toEqual({ verdict: 'healthy', healthyUntil: null });
  expect(judge({ ...running, workflowTaskAttempt: 1, workflowTaskScheduledAt: '2026-12-06T11:49:00Z' }, at, grace)).toEqual({ verdict: 'stalled', reason: 'workflow-task-waiting' });
  // a workflow task that keeps failing is that, however recent
  expect(judge({ ...running, workflowTaskAttempt: FAILING_WORKFLOW_TASK_ATTEMPTS, workflowTaskScheduledAt: '2026-12-06T11:59:00Z' }, at, grace)).toEqual({ verdict: 'stalled', reason: 'workflow-task-failing' });
});

test('Temporal or the workers unreachable: no verdict', () => {
  expect(judge({ ...running, unreachable: true, openTasks: null }, at, grace)).toEqual({ verdict: 'inconclusive' });
});
