import { refuseUnauthenticatedStart } from '../unauthenticated';
import { ActivityFailure, ApplicationFailure, type RetryPolicy, patched, proxyActivities, sleep } from '@temporalio/workflow';
import { proxyLocalActivitiesAsScheduled } from '../exam/local-activities';
import type { createIngestionActivities } from '../../activities/ingestion/ingestion-activities';
import type { IngestionInput } from './names';

type IngestionActivities = ReturnType<typeof createIngestionActivities>;

/** The file's type of error no retry mends (see activities/ingestion/deliver-inbound-file.ts). */
const FILE_UNREADABLE = 'INGESTION_FILE_UNREADABLE';
/** A claim waits for an earlier file of its exam (see activities/ingestion/deliver-inbound-file.ts). */
const EARLIER_FILE_PENDING = 'INGESTION_EARLIER_FILE_PENDING';

/** Each step: retried with backoff until it works, except on a file no retry mends. */
const STEP_RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [FILE_UNREADABLE] } satisfies RetryPolicy;

const remote = proxyActivities<IngestionActivities>({
  // a batch signals its claims' exams one by one and heartbeats after each: a dead worker's batch is retried in seconds
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: STEP_RETRY,
});

const { failIngestion } = proxyActivities<IngestionActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

/**
 * A file of one batch (a claim's 999, 277CA or 835, as clearinghouses often answer claim by claim) is read, delivered
 * and finished by local activities in the workflow's first task: no round trip through the Temporal server per step.
 * Each step is idempotent, so one retried after a crash delivers nothing twice. Files begun before this rule, and
 * larger files (batches that heartbeat), go through activities on the server.
 */
const SMALL_FILES_LOCAL_PATCH = 'ingestion-small-files-local';
const LOCAL_STEP = { startToCloseTimeout: '5 minutes', localRetryThreshold: '10 seconds' } as const;
const local = proxyLocalActivitiesAsScheduled<IngestionActivities>({ ...LOCAL_STEP, retry: STEP_RETRY });

/**
 * A claim of a later file waits for the earlier files of its exam (999, then 277CA, then 835) on a durable timer, not
 * inside a local activity. A local activity runs within the workflow task: in a burst, later files waiting there (20 s
 * a look, retried in place) held every workflow-task slot of the worker while the first tasks of the earlier files,
 * and of the exams, waited for a slot; the worker sat idle with its task queue backlogged. Now one look, and if an
 * earlier file is pending the task ends and a timer (1 s, doubling to 1 min) brings the batch back.
 */
const EARLIER_FILES_ON_TIMERS_PATCH = 'ingestion-earlier-files-on-timers';
const localOneLook = proxyLocalActivitiesAsScheduled<IngestionActivities>({ ...LOCAL_STEP, retry: { ...STEP_RETRY, nonRetryableErrorTypes: [FILE_UNREADABLE, EARLIER_FILE_PENDING] } });

function isFailureOfType(err: unknown, type: string): err is ActivityFailure & { cause: ApplicationFailure } {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === type;
}

async function deliverAfterEarlierFiles(batch: { fileId: string; from: number; to: number }): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await localOneLook.deliverIngestionBatch({ ...batch, earlierFileWaitMs: 0 });
      return;
    } catch (err) {
      if (!isFailureOfType(err, EARLIER_FILE_PENDING)) throw err;
      await sleep(Math.min(60_000, 1_000 * 2 ** Math.min(attempt, 6)));
    }
  }
}

/**
 * Delivers one stored payer file (835, 999, 277CA) to the exams of its claims, batch by batch, until every claim
 * went somewhere (its exam, or the file's one unmatched work item). Retries through any outage: every step is
 * idempotent, so a crash of the worker, the API, Temporal or PostgreSQL delays the file and never delivers a claim
 * twice. Workflow id `ingest:<fileId>`.
 */
export async function ingestionWorkflow(input: IngestionInput): Promise<{ claimCount: number; unmatched: number; unmatchedTaskId: string | null }> {
  refuseUnauthenticatedStart(input);
  try {
    const size = Math.max(1, input.batchSize);
    const small = patched(SMALL_FILES_LOCAL_PATCH);
    const { claimCount } = await (small ? local : remote).beginIngestion({ fileId: input.fileId });
    const steps = small && claimCount <= size ? local : remote;
    const onTimers = steps === local && patched(EARLIER_FILES_ON_TIMERS_PATCH);
    for (let from = 0; from < claimCount; from += size) {
      const batch = { fileId: input.fileId, from, to: Math.min(claimCount, from + size) };
      if (onTimers) await deliverAfterEarlierFiles(batch);
      else await steps.deliverIngestionBatch(batch);
    }
    const done = await steps.finishIngestion({ fileId: input.fileId });
    return { claimCount: done.claimCount, unmatched: done.unmatched, unmatchedTaskId: done.unmatchedTaskId };
  } catch (err) {
    if (isFailureOfType(err, FILE_UNREADABLE)) {
      await failIngestion({ fileId: input.fileId, reason: err.cause.message });
    }
    throw err;
  }
}
