import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { createIngestionActivities } from '../../activities/ingestion/ingestion-activities';
import type { createWatchdogActivities } from '../../activities/watchdog/sweep-stalled-exams';

type WatchdogActivities = ReturnType<typeof createWatchdogActivities>;
type IngestionActivities = ReturnType<typeof createIngestionActivities>;

// One sweep is a bounded batch; it heartbeats after each exam, so a sweep on a killed worker is retried soon.
// A sweep that keeps failing is left to the next scheduled run.
const { sweepStalledExams } = proxyActivities<WatchdogActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

// Payer files stored but never handed to their ingestion workflow; what fails now is left to the next run.
const { startReceivedIngestions } = proxyActivities<IngestionActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

/** The patch that has the watchdog start the ingestion of payer files whose start was lost. */
const RECEIVED_FILES_PATCH = 'watchdog-starts-received-files';

/**
 * The stalled-exam watchdog, started by its Temporal Schedule every few minutes: payer files stored more than a
 * minute ago whose ingestion never started are started, then one sweep of the exams, at the workflow's clock (the
 * clock exam timers and the projection are written in).
 */
export async function watchdogWorkflow(): Promise<Awaited<ReturnType<WatchdogActivities['sweepStalledExams']>>> {
  if (patched(RECEIVED_FILES_PATCH)) {
    try {
      const files = await startReceivedIngestions();
      if (files.started > 0) log.warn('payer files whose ingestion had not started were started', { started: files.started });
    } catch {
      log.warn('payer files waiting for their ingestion could not be started; the next run tries again');
    }
  }
  return sweepStalledExams({ at: new Date().toISOString() });
}
