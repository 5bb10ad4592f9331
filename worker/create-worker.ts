import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Db } from '../db/database';
import type { Config } from '../platform/config';
import { createDataConverter } from '../platform/data-converter';

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  db: Db;
  /** a client for activities that signal workflows (the inbound path) */
  temporal: Client;
  /** A prebuilt workflow bundle (tests bundle once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The engine's worker: the exam workflow and every activity, with the encrypting data converter. */
export async function createWorker({ config, connection, db, temporal, workflowBundle }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: createDataConverter(config),
    activities: createActivities({ db, temporal, config }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    // Let running activities finish when asked to stop; then their tasks go back to the server.
    shutdownGraceTime: '20 seconds',
  });
}
