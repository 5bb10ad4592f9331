import fs from 'node:fs';
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

/**
 * The workflow bundle with V8's stack depth for workflow code set to `frames` (WORKFLOW_STACK_FRAMES, default 4). The
 * SDK records a stack, mapped through the bundle's source map, for every promise a workflow creates (what its
 * `__stack_trace` query shows; it has no switch for it): at V8's default of 10 frames that took about a quarter of the
 * workflow thread's time. Two of the frames are the SDK's own hook. Errors thrown in workflow code keep `frames`
 * frames; 10 gives V8's default, 0 none. The depth changes no command, so histories replay the same. A worker
 * without a bundle (bundled from `workflowsPath`) keeps V8's default.
 */
export function withWorkflowStackFrames(bundle: NonNullable<WorkerOptions['workflowBundle']>, frames: number): { code: string } {
  const code = 'code' in bundle ? bundle.code : fs.readFileSync(bundle.codePath, 'utf8');
  return { code: `Error.stackTraceLimit = ${Math.trunc(frames)};${code}` };
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
    ...(workflowBundle ? { workflowBundle: withWorkflowStackFrames(workflowBundle, config.temporal.workflowStackFrames) } : { workflowsPath: require.resolve('../workflows') }),
    // Let running activities finish when asked to stop; then their tasks go back to the server.
    shutdownGraceTime: '20 seconds',
    workflowTaskPollerBehavior: { type: 'autoscaling' },
    activityTaskPollerBehavior: { type: 'autoscaling' },
    interceptors: { ...tracing?.workerInterceptors, ...(workflowBundle ? {} : { workflowModules: workflowTracingModules(config) }) },
    sinks: tracing?.sinks ?? DROPPED_WORKFLOW_SPANS,
  });
}
