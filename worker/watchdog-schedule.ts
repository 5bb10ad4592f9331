import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../platform/config';
import { WATCHDOG_SCHEDULE_ID, WATCHDOG_WORKFLOW_TYPE } from '../workflows/names';

function watchdogSchedule(config: Pick<Config, 'temporal' | 'watchdog'>): Omit<ScheduleOptions, 'scheduleId'> {
  return {
    spec: { intervals: [{ every: `${config.watchdog.intervalMinutes} minutes` }] },
    action: {
      type: 'startWorkflow',
      workflowType: WATCHDOG_WORKFLOW_TYPE,
      workflowId: WATCHDOG_SCHEDULE_ID,
      taskQueue: config.temporal.taskQueue,
      args: [],
      // A sweep that hangs must not hold the schedule (overlapping runs are skipped).
      workflowRunTimeout: '30 minutes',
    },
    policies: {
      // One sweep at a time across every worker; after an outage, one sweep, not one per missed interval.
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: '1 minute',
    },
  };
}

/**
 * The stalled-exam watchdog's Temporal Schedule: created by the first worker to start, brought up to date
 * (interval, task queue) by every later one. A paused schedule stays paused (an operator's decision).
 * Several workers starting at once are fine: one creates it, the others update it to the same.
 */
export async function ensureWatchdogSchedule(temporal: Client, config: Pick<Config, 'temporal' | 'watchdog'>): Promise<'created' | 'updated'> {
  const wanted = watchdogSchedule(config);
  try {
    await temporal.schedule.create({ scheduleId: WATCHDOG_SCHEDULE_ID, ...wanted });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await temporal.schedule.getHandle(WATCHDOG_SCHEDULE_ID).update((previous) => ({
    ...previous,
    spec: wanted.spec,
    action: wanted.action,
    policies: { ...previous.policies, ...wanted.policies },
  }));
  return 'updated';
}
