/**
 * The workflow side of the traces, bundled with the workflows (one of `traced.ts` / `untraced.ts`, chosen by
 * `workflowTracingModules`). Not a workflow: interceptors.
 *
 * An exam follows tracing from the workflow task where it was first traced, and only from there: whether it was
 * is an SDK flag recorded in its history (the one the OpenTelemetry interceptors gate themselves on). Until then
 * every call passes straight through, synchronously, exactly as without interceptors, so exams started before
 * traces were turned on replay unchanged; once traced, an exam keeps the interceptors' path (and its extra
 * awaits) even on a worker with traces off, so turning them off does not break it either. The spans of a traced
 * exam on an untraced worker go to a sink that drops them.
 */
import type { WorkflowInterceptors, WorkflowInboundCallsInterceptor, WorkflowOutboundCallsInterceptor, WorkflowInternalsInterceptor } from '@temporalio/workflow';
import { SdkFlags } from '@temporalio/workflow/lib/flags';
import { getActivator } from '@temporalio/workflow/lib/global-attributes';

type OtelModule = typeof import('@temporalio/interceptors-opentelemetry/lib/workflow');

const TRACED = SdkFlags.OpenTelemetryInterceptorsInstrumentsAllMethods;

/** `start`: this worker traces new work (records the flag); otherwise only exams already traced keep being traced. */
export function tracingInterceptors(start: boolean): WorkflowInterceptors {
  const activator = getActivator() as unknown as { hasFlag(flag: typeof TRACED): boolean; knownFlags: Set<number> };
  const traced = (): boolean => (start ? activator.hasFlag(TRACED) : activator.knownFlags.has(TRACED.id));
  // Validators and queries do not run on replay: they only read whether the exam is traced, never record it.
  const tracedSoFar = (): boolean => activator.knownFlags.has(TRACED.id);
  const readOnly = new Set(['validateUpdate', 'handleQuery']);
  // The interceptors (and their tracer) are made when first needed: an untraced exam never pays for them.
  let otel: { inbound: WorkflowInboundCallsInterceptor; outbound: WorkflowOutboundCallsInterceptor; internals: WorkflowInternalsInterceptor } | undefined;
  const load = () => {
    if (!otel) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('@temporalio/interceptors-opentelemetry/lib/workflow') as OtelModule;
      otel = { inbound: new m.OpenTelemetryInboundInterceptor(), outbound: new m.OpenTelemetryOutboundInterceptor(), internals: new m.OpenTelemetryInternalsInterceptor() };
    }
    return otel;
  };
  type AnyNext = (input: unknown) => unknown;
  const via = <K extends 'inbound' | 'outbound'>(side: K, method: string) =>
    (input: unknown, next: AnyNext): unknown => {
      if (!(readOnly.has(method) ? tracedSoFar() : traced())) return next(input);
      const target = load()[side] as unknown as Record<string, ((input: unknown, next: AnyNext) => unknown) | undefined>;
      const fn = target[method];
      return fn ? fn.call(target, input, next) : next(input);
    };
  const inbound = Object.fromEntries(['execute', 'handleSignal', 'handleUpdate', 'validateUpdate', 'handleQuery'].map((m) => [m, via('inbound', m)])) as WorkflowInboundCallsInterceptor;
  const outbound = Object.fromEntries(
    ['scheduleActivity', 'scheduleLocalActivity', 'startNexusOperation', 'startChildWorkflowExecution', 'continueAsNew', 'signalWorkflow', 'getLogAttributes', 'getMetricTags'].map((m) => [m, via('outbound', m)]),
  ) as WorkflowOutboundCallsInterceptor;
  const internals: WorkflowInternalsInterceptor = {
    dispose(input, next) {
      if (otel) return otel.internals.dispose!(input, next);
      return next(input);
    },
  };
  return { inbound: [inbound], outbound: [outbound], internals: [internals] };
}
