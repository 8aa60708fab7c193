/** For tests only: the SDK's in-memory exporter (importing it loads the SDK's span code). */
export { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
