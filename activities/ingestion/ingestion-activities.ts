import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import { beginDelivery, deliverItems, failDelivery, finishDelivery } from './deliver-inbound-file';

function heartbeat(index: number): void {
  try {
    Context.current().heartbeat(index);
  } catch {
    // called outside an activity (a direct call): nothing to tell
  }
}

/** The activities of the ingestion workflow: one stored file, delivered in batches of claims. */
export function createIngestionActivities(deps: { db: Db; temporal: Client }) {
  return {
    async beginIngestion(input: { fileId: string }): Promise<{ claimCount: number }> {
      return beginDelivery(deps, input.fileId);
    },
    /** a batch of claims; returns how many were delivered now (the others were before) */
    async deliverIngestionBatch(input: { fileId: string; from: number; to: number }): Promise<{ delivered: number }> {
      const delivered = await deliverItems(deps, input, heartbeat);
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
