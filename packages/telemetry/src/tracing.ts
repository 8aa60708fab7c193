import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { loadConfig, z } from '@zhiyuan/config';

/** W3C trace context of the span that caused an event, carried in the event envelope. */
export interface TraceContext {
  traceparent: string;
  tracestate?: string;
}

export interface TracingOptions {
  /** `service.name` of the spans (one process of `npm start` runs every part under one name). */
  serviceName: string;
  /** Export here instead of OTLP (tests: an InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** OTLP/HTTP endpoint, e.g. http://collector:4318; the exporter reads OTEL_EXPORTER_OTLP_* itself. */
  endpoint?: string;
}

export interface Tracing {
  /** Exports what is buffered (tests read the in-memory exporter after it). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let running: Tracing | undefined;

/** Whether an SDK runs in this process: only then does anything build spans or carry trace context. */
export function tracingEnabled(): boolean {
  return running !== undefined;
}

/**
 * Starts the OpenTelemetry SDK with the HTTP, undici (the gateway's subgraph fetches), pg and GraphQL
 * instrumentations. Must run before those modules are first required (see register.ts), since the
 * instrumentations patch them as they load. The SDK is required here, lazily: a process that never
 * calls this never loads it.
 */
export function startTracing(opts: TracingOptions): Tracing {
  if (running) return running;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { SimpleSpanProcessor, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let exporter = opts.exporter;
  if (!exporter) {
    const { OTLPTraceExporter } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    exporter = new OTLPTraceExporter(
      opts.endpoint ? { url: `${opts.endpoint.replace(/\/$/, '')}/v1/traces` } : undefined,
    );
  }
  const processor = opts.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter);
  const sdk = new NodeSDK({
    serviceName: opts.serviceName,
    spanProcessors: [processor],
    instrumentations: [
      // Probes and scrapes would be most of the traces otherwise.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)(\/|$|\?)/.test(req.url ?? ''),
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      // Resolver spans for every field would drown the plan; parse, validate and execute are enough.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, depth: 0, mergeItems: true }),
    ],
  });
  sdk.start();
  running = {
    flush: () => processor.forceFlush(),
    shutdown: async () => {
      running = undefined;
      await sdk.shutdown();
    },
  };
  return running;
}

/** The tracing variables (the OpenTelemetry SDK reads its other OTEL_* variables itself). */
export const tracingConfigSchema = z.object({
  /** OTLP/HTTP collector, e.g. http://jaeger:4318; unset: no tracing, and the SDK is never loaded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The `service.name` of this process's spans; unset: the part's own name. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});

/** The environment's tracing: on when OTEL_EXPORTER_OTLP_ENDPOINT is set, else nothing is loaded. */
export function startTracingFromEnv(
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): Tracing | undefined {
  const config = loadConfig(tracingConfigSchema, env);
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return startTracing({ serviceName: config.OTEL_SERVICE_NAME ?? serviceName });
}

/** The trace context to put into an event written now; undefined when tracing is off or no span is active. */
export function activeTraceContext(): TraceContext | undefined {
  if (!running) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent
    ? { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) }
    : undefined;
}

const tracer = () => trace.getTracer('zhiyuan');

/**
 * Runs `work` in a span whose parent is the trace context an event carries (or the active context
 * when it carries none). Without tracing it is just `work()`.
 */
export async function inEventSpan<R>(
  name: string,
  kind: 'producer' | 'consumer',
  carried: TraceContext | undefined,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<R>,
): Promise<R> {
  if (!running) return work(undefined);
  const parent = carried ? propagation.extract(ROOT_CONTEXT, carried) : context.active();
  return tracer().startActiveSpan(
    name,
    { kind: kind === 'producer' ? SpanKind.PRODUCER : SpanKind.CONSUMER, attributes },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/** The trace context of a span (what a relay writes into the envelope it publishes). */
export function traceContextOf(span: Span | undefined): TraceContext | undefined {
  if (!span) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent } : undefined;
}

/** Names the active HTTP server span after the part that serves it (one process of `npm start` runs them all). */
export function markActiveSpan(service: string): void {
  if (!running) return;
  const span = trace.getActiveSpan();
  span?.setAttribute('zhiyuan.service', service);
}

/**
 * Runs `work` in no trace: work done for many requests at once (the outbox relay's batch) would
 * otherwise land in the trace of whichever request woke it.
 */
export function outsideTrace<R>(work: () => R): R {
  return running ? context.with(ROOT_CONTEXT, work) : work();
}
