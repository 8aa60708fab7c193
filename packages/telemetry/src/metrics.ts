import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The product's Prometheus series, one registry per process (the all-in-one `npm start` runs every
 * part in one process, so each series carries the part in `service`). The names are the contract of
 * deploy/grafana and deploy/prometheus; telemetry/test/deploy.test.ts fails when a panel or an alert
 * names a series this file does not export.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'zhiyuan_', eventLoopMonitoringPrecision: 20 });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  requests: new Counter({
    name: 'zhiyuan_graphql_requests_total',
    help: 'GraphQL operations answered, by part, operation name and outcome (ok, error)',
    labelNames: ['service', 'operation', 'outcome'] as const,
    registers: [registry],
  }),
  requestDuration: new Histogram({
    name: 'zhiyuan_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL operation, by part, operation name and outcome',
    labelNames: ['service', 'operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  subgraphFetchDuration: new Histogram({
    name: 'zhiyuan_subgraph_fetch_duration_seconds',
    help: 'Time of one subgraph fetch of the gateway, by subgraph and outcome (ok, error)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  subgraphFetches: new Counter({
    name: 'zhiyuan_subgraph_fetches_total',
    help: 'Subgraph requests of the gateway, by result (fetched: sent to the subgraph; shared: answered by an identical query already in flight)',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  responseCache: new Counter({
    name: 'zhiyuan_response_cache_requests_total',
    help: 'Cacheable operations looked up in the gateway response cache, by result (hit, miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  outboxBacklog: new Gauge({
    name: 'zhiyuan_outbox_backlog',
    help: 'Outbox rows written and not yet published, by part',
    labelNames: ['service'] as const,
    registers: [registry],
  }),
  outboxOldestAge: new Gauge({
    name: 'zhiyuan_outbox_oldest_age_seconds',
    help: 'Age of the oldest unpublished outbox row (0 when none), by part',
    labelNames: ['service'] as const,
    registers: [registry],
  }),
  consumerLag: new Gauge({
    name: 'zhiyuan_consumer_lag_seconds',
    help: 'Time from an event being written to its handling, for the last event a consumer took, by consumer',
    labelNames: ['consumer'] as const,
    registers: [registry],
  }),
  consumerPending: new Gauge({
    name: 'zhiyuan_consumer_pending_messages',
    help: 'Messages of the stream a durable consumer has still to take (JetStream), by consumer',
    labelNames: ['consumer'] as const,
    registers: [registry],
  }),
  consumerHandled: new Counter({
    name: 'zhiyuan_consumer_events_total',
    help: 'Event deliveries handled, by consumer and outcome (ack, retry, dead)',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [registry],
  }),
  redeliveries: new Counter({
    name: 'zhiyuan_consumer_redeliveries_total',
    help: 'Deliveries of an event a consumer had been given before, by consumer',
    labelNames: ['consumer'] as const,
    registers: [registry],
  }),
  deadLetters: new Counter({
    name: 'zhiyuan_dead_letters_total',
    help: 'Events a consumer gave up on (moved to its dead-letter subject), by consumer',
    labelNames: ['consumer'] as const,
    registers: [registry],
  }),
  smsQueueDepth: new Gauge({
    name: 'zhiyuan_sms_queue_depth',
    help: 'Text messages of the SMS ledger waiting to be sent',
    registers: [registry],
  }),
  dbPool: new Gauge({
    name: 'zhiyuan_db_pool_connections',
    help: 'Connections of a part database pool, by state (total, idle, waiting: callers queued for one)',
    labelNames: ['service', 'state'] as const,
    registers: [registry],
  }),
};

/** The names of the series this process exports (the deploy files' check reads them). */
export async function seriesNames(): Promise<string[]> {
  const all = await registry.getMetricsAsJSON();
  return all.map((m) => m.name);
}

/**
 * Values read at scrape time (a count in the database, a pool's state). Each probe runs on every
 * scrape, before the registry is serialized; a probe that fails leaves the last value.
 */
const probes = new Map<string, () => Promise<void>>();

/** Adds a scrape-time probe under a key (the same key replaces it: a restarted service). Returns its removal. */
export function addProbe(key: string, probe: () => Promise<void>): () => void {
  probes.set(key, probe);
  return () => {
    if (probes.get(key) === probe) probes.delete(key);
  };
}

/** The text exposition of every series, after the probes have run. */
export async function scrape(): Promise<{ contentType: string; body: string }> {
  await Promise.all([...probes.values()].map((p) => p().catch(() => undefined)));
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Seconds since an ISO time, never negative. */
export function secondsSince(iso: string, now = Date.now()): number {
  return Math.max(0, (now - Date.parse(iso)) / 1000);
}
