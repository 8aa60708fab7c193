export {
  startTracing,
  startTracingFromEnv,
  tracingConfigSchema,
  tracingEnabled,
  activeTraceContext,
  inEventSpan,
  outsideTrace,
  traceContextOf,
  markActiveSpan,
  type TraceContext,
  type Tracing,
  type TracingOptions,
} from './tracing';
export { registry, metrics, addProbe, scrape, seriesNames, secondsSince } from './metrics';
export { metricsPlugin, timedFetch } from './graphql';
