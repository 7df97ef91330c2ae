import type { Tracer } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ClientInterceptors } from '@temporalio/client';

/**
 * OpenTelemetry tracing for one process, set up only when OTEL_EXPORTER_OTLP_ENDPOINT is set:
 * spans go in batches to `<endpoint>/v1/traces` over OTLP/HTTP (JSON).
 */
export interface Tracing {
  readonly serviceName: string;
  readonly tracer: Tracer;
  readonly resource: Resource;
  /** shared by the process's own spans and the workflow spans the worker's sink hands over */
  readonly spanProcessor: SpanProcessor;
  /** flushes the spans still in the batch, then stops exporting */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for `serviceName`, or returns undefined without an endpoint. The OpenTelemetry
 * packages are required here, not imported at the top, so that a process without tracing loads
 * none of them.
 */
export function startTracing(endpoint: string | undefined, serviceName: string): Tracing | undefined {
  if (!endpoint) return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { Resource: ResourceClass } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor, NodeTracerProvider } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resource = new ResourceClass({ 'service.name': serviceName });
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const spanProcessor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global, with the AsyncLocalStorage context manager: the Temporal interceptors find the tracer
  // and the active span (an HTTP request's) through @opentelemetry/api.
  provider.register();
  return {
    serviceName,
    tracer: provider.getTracer(serviceName),
    resource,
    spanProcessor,
    shutdown: () => provider.shutdown(),
  };
}

/** The client interceptors that put a workflow's start, signals, updates and queries into the trace. */
export function tracingClientInterceptors(tracing: Tracing | undefined): ClientInterceptors | undefined {
  if (!tracing) return undefined;
  const otel = require('@temporalio/interceptors-opentelemetry') as typeof import('@temporalio/interceptors-opentelemetry'); // eslint-disable-line @typescript-eslint/no-require-imports
  const { OpenTelemetryWorkflowClientInterceptor } = otel;
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] };
}
