import { proxyActivities } from '@temporalio/workflow';
import type { createWatchdogActivities } from '../../activities/watchdog/sweep-stalled-exams';

type WatchdogActivities = ReturnType<typeof createWatchdogActivities>;

// One sweep is a bounded batch; it heartbeats after each exam, so a sweep on a killed worker is retried soon.
// A sweep that keeps failing is left to the next scheduled run.
const { sweepStalledExams } = proxyActivities<WatchdogActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

/**
 * The stalled-exam watchdog, started by its Temporal Schedule every few minutes: one sweep, at the
 * workflow's clock (the clock exam timers and the projection are written in).
 */
export async function watchdogWorkflow(): Promise<Awaited<ReturnType<WatchdogActivities['sweepStalledExams']>>> {
  return sweepStalledExams({ at: new Date().toISOString() });
}
