import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { createLogger, type Logger } from '@zhiyuan/config';
import type { Identity } from '@zhiyuan/auth';
import {
  Messaging,
  createDataSource,
  initializeDataSource,
  sqlRows,
  type ConsumerOptions,
  type HandlerDefinition,
} from '@zhiyuan/db';
import { DEFAULT_HANDLER_CONCURRENCY, createEventBus, type EventBus } from '@zhiyuan/events';
import { addProbe, metrics } from '@zhiyuan/telemetry';
import { auditMutationsPlugin } from './audit';
import { auditExportsPlugin } from './export-audit';
import { applyCourtCalendar } from './court-calendar';
import { signInErrorsPlugin } from './sign-in-errors';
import { startSubgraphServer, type RequestInfo, type RunningServer } from './server';

/** The configuration every subgraph reads (see serviceConfigShape in @zhiyuan/config). */
export interface BaseServiceConfig {
  DATABASE_URL: string;
  /** A streaming replica for the read-only dashboard queries (runtime.readDs); only metrics' configuration has it. */
  DATABASE_READ_URL?: string;
  NATS_URL?: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  NATS_REPLICAS?: number;
  NATS_DUPLICATE_WINDOW_MS?: number;
  /** Days a published outbox row is kept (serviceConfigShape defaults it to 7; 0 keeps every row). */
  OUTBOX_RETENTION_DAYS?: number;
  DB_POOL_SIZE: number;
  EVENT_BATCH_SIZE?: number;
  EVENT_BATCHES_AT_ONCE?: number;
  EVENT_CONCURRENCY?: number;
  INTERNAL_AUTH_SECRET: string;
  LOG_LEVEL: string;
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  /** Interface the HTTP server binds (serviceConfigShape defaults it to 127.0.0.1). */
  HOST?: string;
  /** The administrator's override table of the court calendar (docs/calendar.md). */
  COURT_CALENDAR_FILE?: string;
}

export interface ServiceRuntime {
  ds: DataSource;
  /**
   * The pool of DATABASE_READ_URL (a streaming replica, so a little behind the primary) for queries
   * that may read a moment-old state: dashboards over read models the events build anyway. `ds`
   * itself when DATABASE_READ_URL is unset. Never for writes, the outbox or the inbox, nor for a
   * read that must see the request's own write.
   */
  readDs: DataSource;
  messaging: Messaging;
  bus: EventBus;
  logger: Logger;
}

export interface SubgraphDefinition<Ctx extends object> {
  name: string;
  /** The PostgreSQL schema the service owns. */
  schema: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Ctx>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Event handlers, each on its own durable consumer, applied through the inbox. */
  handlers: HandlerDefinition<any>[];
  /** The request's locale comes from its `Accept-Language` (the gateway forwards the client's). */
  context: (identity: Identity, runtime: ServiceRuntime, request: RequestInfo) => Ctx;
  /** Unauthenticated GET routes answering JSON (people-credit's JWKS): only for what is public by nature. */
  publicRoutes?: Record<string, () => Promise<unknown>>;
  /** Read at every scrape of /metrics, each setting the service's own series (the SMS queue's depth). */
  probes?: ((runtime: ServiceRuntime) => Promise<void>)[];
  /** Runs after migrations and before the server listens (demo data, schedulers). */
  onStart?: (runtime: ServiceRuntime) => Promise<void | (() => Promise<void>)>;
}

export interface ServiceDeps {
  /** A bus shared with other services in the same process (the all-in-one launcher, tests). */
  bus?: EventBus;
  logger?: Logger;
  /** Receives every SQL statement (tests count them). */
  onQuery?: (sql: string, connection?: object) => void;
  /** Wraps every HTTP request (see SubgraphServerOptions.aroundRequest). */
  aroundRequest?: (next: () => void) => void;
  /** Durable consumer naming and start position (tests on a shared NATS server use a unique group and 'new'). */
  consumers?: ConsumerOptions;
}

export interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly url: string;
  readonly runtime: ServiceRuntime;
}

/** How often expired idempotency keys and old published outbox rows are deleted. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Wires a subgraph: database and migrations, bus, outbox relay, handlers, HTTP server. */
export function defineService<Ctx extends object>(
  def: SubgraphDefinition<Ctx>,
  config: BaseServiceConfig,
  deps: ServiceDeps = {},
): Service {
  const logger = deps.logger ?? createLogger(def.name, config.LOG_LEVEL);
  const ownsBus = !deps.bus;
  const bus =
    deps.bus ??
    createEventBus({
      natsUrl: config.NATS_URL,
      name: def.name,
      user: config.NATS_USER,
      pass: config.NATS_PASSWORD,
      replicas: config.NATS_REPLICAS,
      duplicateWindowMs: config.NATS_DUPLICATE_WINDOW_MS,
      concurrency: eventConcurrency(config),
      logger,
    });
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema: def.schema,
    entities: def.entities,
    migrations: def.migrations,
    poolSize: config.DB_POOL_SIZE,
    applicationName: `zhiyuan-${def.name}`,
    onQuery: deps.onQuery,
  });
  const readDs = config.DATABASE_READ_URL
    ? createDataSource({
        url: config.DATABASE_READ_URL,
        schema: def.schema,
        entities: def.entities,
        migrations: [],
        poolSize: config.DB_POOL_SIZE,
        applicationName: `zhiyuan-${def.name}-read`,
        onQuery: deps.onQuery,
      })
    : ds;
  const messaging = new Messaging(ds, def.schema, def.name, bus, logger, undefined, {
    batchSize: config.EVENT_BATCH_SIZE,
    batchesAtOnce: config.EVENT_BATCHES_AT_ONCE,
    ...deps.consumers,
  });
  const runtime: ServiceRuntime = { ds, readDs, messaging, bus, logger };
  let server: RunningServer | undefined;
  let stopHook: (() => Promise<void>) | void;
  let pruneTimer: NodeJS.Timeout | undefined;
  let removeProbe: (() => void) | undefined;

  return {
    runtime,
    get url() {
      if (!server) throw new Error(`${def.name} is not started`);
      return server.url;
    },
    async start() {
      applyCourtCalendar(config.COURT_CALENDAR_FILE, logger);
      if (ownsBus) await bus.start();
      await initializeDataSource(ds, def.schema);
      // The replica follows the primary's migrations through replication; it is only connected.
      if (readDs !== ds && !readDs.isInitialized) await readDs.initialize();
      stopHook = await def.onStart?.(runtime);
      removeProbe = addProbe(`service:${def.name}`, async () => {
        observePool(def.name, ds);
        await Promise.all([observeOutbox(def.name, def.schema, ds), ...(def.probes ?? []).map((p) => p(runtime))]);
      });
      messaging.start();
      const outboxRetentionDays = config.OUTBOX_RETENTION_DAYS ?? 7;
      pruneTimer = setInterval(() => {
        const failed = (what: string) => (err: unknown) =>
          logger.warn({ err: err instanceof Error ? err.message : String(err) }, `could not delete ${what}`);
        messaging
          .pruneIdempotencyKeys()
          .then(
            (n) => n && logger.debug({ keys: n }, 'expired idempotency keys deleted'),
            failed('expired idempotency keys'),
          );
        messaging
          .pruneOutbox(outboxRetentionDays)
          .then(
            (n) => n && logger.debug({ rows: n, retentionDays: outboxRetentionDays }, 'published outbox rows deleted'),
            failed('published outbox rows'),
          );
      }, PRUNE_INTERVAL_MS).unref();
      for (const h of def.handlers) await messaging.subscribe(h);
      server = await startSubgraphServer<Ctx>({
        name: def.name,
        typeDefs: def.typeDefs,
        resolvers: def.resolvers,
        port: config.PORT,
        host: config.HOST,
        internalSecret: config.INTERNAL_AUTH_SECRET,
        context: (identity, request) => def.context(identity, runtime, request),
        ready: async () => ({
          database: await ds.query('SELECT 1').then(
            () => true,
            () => false,
          ),
          bus: await bus.healthy(),
        }),
        logger,
        development: config.NODE_ENV !== 'production',
        aroundRequest: deps.aroundRequest,
        publicRoutes: def.publicRoutes,
        plugins: [
          signInErrorsPlugin() as never,
          auditMutationsPlugin(messaging) as never,
          auditExportsPlugin(messaging) as never,
        ],
      });
    },
    async stop() {
      clearInterval(pruneTimer);
      removeProbe?.();
      await server?.stop();
      if (stopHook) await stopHook();
      await messaging.stop();
      if (ownsBus) await bus.close();
      if (ds.isInitialized) await ds.destroy();
      if (readDs !== ds && readDs.isInitialized) await readDs.destroy();
    },
  };
}

/** Events taken on at once: as configured, or the bus's default (each holds a connection), or twice what the batches in flight hold when batching. */
export function eventConcurrency(
  config: Pick<BaseServiceConfig, 'EVENT_BATCH_SIZE' | 'EVENT_BATCHES_AT_ONCE' | 'EVENT_CONCURRENCY'>,
): number {
  if (config.EVENT_CONCURRENCY) return config.EVENT_CONCURRENCY;
  const batch = config.EVENT_BATCH_SIZE ?? 1;
  return batch > 1 ? 2 * batch * (config.EVENT_BATCHES_AT_ONCE ?? 1) : DEFAULT_HANDLER_CONCURRENCY;
}

/** The outbox series: rows not yet published, and how long the oldest has waited (a stuck relay). */
async function observeOutbox(service: string, schema: string, ds: DataSource): Promise<void> {
  if (!ds.isInitialized) return;
  const [row] = await sqlRows<{ backlog: number; oldest: number }>(
    ds.manager,
    `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
       FROM "${schema}".outbox_message WHERE published_at IS NULL`,
  );
  metrics.outboxBacklog.set({ service }, row?.backlog ?? 0);
  metrics.outboxOldestAge.set({ service }, row?.oldest ?? 0);
}

/** The pool's connections: open, idle, and callers waiting for one (a pool too small for the load). */
function observePool(service: string, ds: DataSource): void {
  const pool = (ds.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } })
    .master;
  if (!pool) return;
  metrics.dbPool.set({ service, state: 'total' }, pool.totalCount);
  metrics.dbPool.set({ service, state: 'idle' }, pool.idleCount);
  metrics.dbPool.set({ service, state: 'waiting' }, pool.waitingCount);
}
