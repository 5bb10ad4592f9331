import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type ClaimChannel, createActivities } from '../activities';
import type { Db } from '../db/database';
import type { Config } from '../platform/config';
import { createDataConverter } from '../platform/data-converter';
import { DROPPED_WORKFLOW_SPANS, tracingFor, workflowTracingModules } from '../platform/tracing';

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  db: Db;
  /** a client for activities that signal workflows (the inbound path) */
  temporal: Client;
  /** A prebuilt workflow bundle (tests bundle once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** claim and appeal submission; real X12 through the configured clearinghouse when not given (tests: the payer edge) */
  claims?: ClaimChannel;
}

/** The engine's worker: the exam workflow and every activity, with the encrypting data converter. */
export async function createWorker({ config, connection, db, temporal, workflowBundle, claims }: WorkerDeps): Promise<Worker> {
  // Tracing on: activity spans, and the sink the workflow spans leave the sandbox by (a prebuilt bundle carries the
  // workflow interceptors itself: see `workflowTracingModules`). Off: exams traced before still find the sink.
  const tracing = tracingFor(config);
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: createDataConverter(config, { requireEncrypted: true }),
    activities: createActivities({ db, temporal, config, ...(claims ? { claims } : {}) }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    // Let running activities finish when asked to stop; then their tasks go back to the server.
    shutdownGraceTime: '20 seconds',
    workflowTaskPollerBehavior: { type: 'autoscaling' },
    activityTaskPollerBehavior: { type: 'autoscaling' },
    interceptors: { ...tracing?.workerInterceptors, ...(workflowBundle ? {} : { workflowModules: workflowTracingModules(config) }) },
    sinks: tracing?.sinks ?? DROPPED_WORKFLOW_SPANS,
  });
}
