import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../../db/database';
import { INGESTION_WORKFLOW_TYPE, type IngestionInput, ingestionWorkflowId } from '../../workflows/ingestion/names';
import type { IngestionLimits } from './ingestion-limits';
import { type InboundFile, type ReceivedFile, type RefusedFile, receiveInboundFile } from './receive-inbound-file';

export interface IngestionStarter {
  db: Db;
  temporal: Client;
  taskQueue: string;
  limits: IngestionLimits;
}

/**
 * Hands a stored file to its ingestion workflow (`ingest:<fileId>`). Idempotent: a workflow running or done for
 * the file is left alone (the id-reuse policy lets only a failed one run again). Throws when Temporal is unreachable:
 * the file stays `received`, and the same file sent again starts it.
 */
export async function startIngestion(deps: Pick<IngestionStarter, 'temporal' | 'taskQueue' | 'limits'>, fileId: string): Promise<void> {
  const input: IngestionInput = { fileId, batchSize: deps.limits.batchSize };
  try {
    await deps.temporal.workflow.start(INGESTION_WORKFLOW_TYPE, {
      workflowId: ingestionWorkflowId(fileId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw err;
  }
}

/**
 * The one inbound path (API upload, filedrop inbox, sandbox): store the file, then hand it to its ingestion
 * workflow. A repeat of a file whose delivery is done starts nothing; one still `received` (its start was lost)
 * or `failed` is started again.
 */
export async function receiveAndDeliver(deps: IngestionStarter, file: InboundFile): Promise<ReceivedFile | RefusedFile> {
  const received = await receiveInboundFile(deps.db, file, deps.limits);
  if (received.ok && received.status !== 'delivered') await startIngestion(deps, received.fileId);
  return received;
}
