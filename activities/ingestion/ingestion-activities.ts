import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { beginDelivery, deliverItems, failDelivery, finishDelivery } from './deliver-inbound-file';
import { ingestionLimits } from './ingestion-limits';
import { startReceivedIngestions } from './start-ingestion';

function heartbeat(index: number): void {
  try {
    Context.current().heartbeat(index);
  } catch {
    // called outside an activity (a direct call): nothing to tell
  }
}

/** The activities of the ingestion workflow: one stored file, delivered in batches of claims. */
export function createIngestionActivities(deps: { db: Db; temporal: Client; config: Pick<Config, 'temporal'> }) {
  return {
    /** the watchdog's: files stored but never handed to their workflow (the caller died in between) are started */
    async startReceivedIngestions(): Promise<{ waiting: number; started: number }> {
      return startReceivedIngestions({ db: deps.db, temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueue, limits: ingestionLimits() });
    },
    async beginIngestion(input: { fileId: string }): Promise<{ claimCount: number }> {
      return beginDelivery(deps, input.fileId);
    },
    /**
     * A batch of claims; returns how many were delivered now (the others were before). `earlierFileWaitMs`: how long a
     * claim waits for an earlier file of its exam before the batch fails with EarlierFilePending (default 20 s; the
     * ingestion workflow's local steps pass 0 and wait on a timer instead).
     */
    async deliverIngestionBatch(input: { fileId: string; from: number; to: number; earlierFileWaitMs?: number }): Promise<{ delivered: number }> {
      const delivered = await deliverItems(deps, input, heartbeat, { inOrder: true, ...(input.earlierFileWaitMs !== undefined ? { maxWaitMs: input.earlierFileWaitMs } : {}) });
      return { delivered: delivered.length };
    },
    async finishIngestion(input: { fileId: string }) {
      return finishDelivery(deps, input.fileId);
    },
    async failIngestion(input: { fileId: string; reason: string }): Promise<void> {
      await failDelivery(deps, input.fileId, input.reason);
    },
  };
}
