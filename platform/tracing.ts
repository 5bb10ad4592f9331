import { type Tracer, context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { Config } from './config';

/**
 * OpenTelemetry traces, on when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set:
 * an API request's span, the Temporal client calls it makes (start, update, signal, query: their context
 * travels in the Temporal headers), the workflow's spans (made inside the sandbox, replay-safe, handed out
 * through a sink) and each activity's span share one trace, exported over OTLP/HTTP (JSON).
 *
 * Off (no endpoint), nothing is registered and no interceptor is installed: no cost. Spans carry ids and
 * route templates, never a URL's query string, a body, or a payload.
 */
export interface Tracing {
  serviceName: string;
  /** the process's tracer (the API's request spans) */
  tracer: Tracer;
  /** interceptors of the Temporal client: starts, updates, signals and queries carry the caller's context */
  clientInterceptors: ClientInterceptors;
  /** the worker's activity interceptors (the workflow interceptors are bundled: see `workflowTracingModules`) */
  workerInterceptors: WorkerInterceptors;
  /** the sink through which the workflow sandbox hands its finished spans to the exporter */
  sinks: InjectedSinks<OpenTelemetrySinks>;
  /** exports the spans still buffered (tests; shutdown) */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * What `bundleWorkflowCode` takes as `workflowInterceptorModules`. Traces on: the workflow interceptors, which trace
 * new work. Off: the same interceptors for the exams already traced (their histories follow the interceptors' path:
 * see workflows/tracing/interceptors.ts); every other exam passes straight through.
 */
export function workflowTracingModules(config: Pick<Config, 'tracing'>): string[] {
  return [require.resolve(config.tracing ? '../workflows/tracing/traced' : '../workflows/tracing/untraced')];
}

/** Traces off: the spans of an exam traced before go nowhere. */
export const DROPPED_WORKFLOW_SPANS: InjectedSinks<OpenTelemetrySinks> = { exporter: { export: { fn: () => undefined, callDuringReplay: false } } };

// One tracer provider per service name and URL in a process (`npm start` runs all in one; tests run the API and worker side by side).
const started = new Map<string, Tracing>();

/** The process's tracing for this configuration, started at the first call; undefined when tracing is off. */
export function tracingFor(config: Pick<Config, 'tracing'>): Tracing | undefined {
  const settings = config.tracing;
  if (!settings) return undefined;
  const key = `${settings.serviceName} ${settings.tracesUrl}`;
  let tracing = started.get(key);
  if (!tracing) {
    tracing = startTracing(settings);
    started.set(key, tracing);
  }
  return tracing;
}

/** Flushes and stops every tracer provider this process started (at shutdown). */
export async function shutdownTracing(): Promise<void> {
  const all = [...started.values()];
  started.clear();
  await Promise.all(all.map((t) => t.shutdown().catch(() => undefined)));
}

let globalsSet = false;

function startTracing({ tracesUrl, serviceName }: NonNullable<Config['tracing']>): Tracing {
  if (!globalsSet) {
    // The active span follows async calls (a request's handler -> the Temporal client), and travels as W3C traceparent.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    globalsSet = true;
  }
  const resource = new Resource({ 'service.name': serviceName, 'service.namespace': 'imaging-rcm' });
  const processor: SpanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  const tracer = provider.getTracer('imaging-rcm');
  return {
    serviceName,
    tracer,
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer })] },
    workerInterceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(processor, resource) },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
