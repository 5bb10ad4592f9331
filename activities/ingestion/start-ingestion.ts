import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { sql } from 'kysely';
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
 * the file stays `received`, and the same file sent again starts it (or the watchdog, see startReceivedIngestions).
 */
export async function startIngestion(deps: Pick<IngestionStarter, 'temporal' | 'taskQueue' | 'limits'>, fileId: string): Promise<'started' | 'already-started'> {
  const input: IngestionInput = { fileId, batchSize: deps.limits.batchSize };
  try {
    await deps.temporal.workflow.start(INGESTION_WORKFLOW_TYPE, {
      workflowId: ingestionWorkflowId(fileId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}

/** A file `received` this long ago whose delivery has not begun lost its start (the API or the sandbox died in between). */
export const RECEIVED_START_GRACE_MS = 60_000;

/**
 * The safety net of "stored, then started": files still `received` after the grace time (by the database's
 * clock, the one `received_at` is written in) are handed to their ingestion workflows, oldest first, at most
 * `limit` per call; so are files left `delivering` whose workflow no longer runs (terminated by hand). Starting is
 * idempotent: a workflow that is running (its worker was down, or a large file) is left alone.
 */
export async function startReceivedIngestions(
  deps: Pick<IngestionStarter, 'db' | 'temporal' | 'taskQueue' | 'limits'>,
  options: { graceMs?: number; limit?: number } = {},
): Promise<{ waiting: number; started: number }> {
  const graceMs = options.graceMs ?? RECEIVED_START_GRACE_MS;
  const before = sql<Date>`now() - make_interval(secs => ${graceMs / 1000})`;
  const rows = await deps.db.selectFrom('ingestion_files').select('file_id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'received'), eb('received_at', '<', before)]),
      eb.and([eb('status', '=', 'delivering'), eb('updated_at', '<', before)]),
    ]))
    .orderBy('received_at').limit(options.limit ?? 500).execute();
  let started = 0;
  for (const { file_id: fileId } of rows) {
    if ((await startIngestion(deps, fileId)) === 'started') started += 1;
  }
  return { waiting: rows.length, started };
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
