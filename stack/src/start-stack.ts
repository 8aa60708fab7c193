import { existsSync } from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from '@zhiyuan/config';
import { InProcessEventBus, type EventBus, type StartAt } from '@zhiyuan/events';
import { startEmbeddedPostgres } from '@zhiyuan/embedded-postgres';
import { createGateway, loadGatewayConfig, type Gateway } from '@zhiyuan/gateway';
import * as cases from '@zhiyuan/cases';
import * as peopleCredit from '@zhiyuan/people-credit';
import * as tasks from '@zhiyuan/tasks';
import * as metrics from '@zhiyuan/metrics';

export interface StackOptions {
  /** Unset: a real PostgreSQL from embedded-postgres under `.data/`. */
  databaseUrl?: string;
  /** Unset: one in-process bus shared by the four services. */
  natsUrl?: string;
  /** 0 picks free ports (tests). */
  gatewayPort?: number;
  subgraphPorts?: { cases: number; peopleCredit: number; tasks: number; metrics: number };
  seedDemoData?: boolean;
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** `connection` is the query runner: the same object for every statement of one transaction. */
  onQuery?: (service: string, sql: string, connection?: object) => void;
  /** Wraps every HTTP request of the subgraphs (a benchmark attributes SQL statements to requests with it). */
  aroundRequest?: (next: () => void) => void;
  /** false: start the four subgraphs only (a benchmark runs the gateway in its own process); gatewayUrl is then ''. */
  gateway?: boolean;
  /** Durable consumer naming and start position; tests on a shared NATS server use a unique group and 'new'. */
  consumers?: { groupPrefix?: string; startAt?: StartAt };
}

export interface Stack {
  gatewayUrl: string;
  /** The gateway, when it runs in this process (diagnostics for tests: response cache, live subscriptions). */
  gateway?: Gateway;
  databaseUrl: string;
  /** The folder of the web console the gateway serves at `/`, when one is. */
  webConsole?: string;
  bus?: EventBus;
  services: Record<
    'cases' | 'peopleCredit' | 'tasks' | 'metrics',
    { url: string; stop(): Promise<void>; start(): Promise<void> }
  >;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '../..');
/** The console `npm run build -w @zhiyuan/web` writes; served at the gateway's `/` when it exists. */
export const WEB_CONSOLE_DIST = path.join(repoRoot, 'web/dist');

/** All four subgraphs and the gateway in one process. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.logger ?? createLogger('zhiyuan');
  const env = { ...(opts.env ?? process.env) };
  let stopPg: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(repoRoot, '.data/postgres'),
      port: Number(env.EMBEDDED_PG_PORT ?? 54329),
      logger: log,
    });
    databaseUrl = pg.url;
    stopPg = pg.stop;
  }
  const natsUrl = opts.natsUrl;
  const shared = natsUrl ? undefined : new InProcessEventBus(log.child({ part: 'bus' }));
  if (shared) await shared.start();
  const ports = opts.subgraphPorts ?? { cases: 4001, peopleCredit: 4002, tasks: 4003, metrics: 4004 };
  const base = { ...env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl };
  const deps = (name: string) => ({
    bus: shared,
    logger: log.child({ service: name }),
    onQuery: opts.onQuery ? (sql: string, connection?: object) => opts.onQuery!(name, sql, connection) : undefined,
    aroundRequest: opts.aroundRequest,
    consumers: opts.consumers
      ? {
          group: opts.consumers.groupPrefix ? `${opts.consumers.groupPrefix}-${name}` : undefined,
          startAt: opts.consumers.startAt,
        }
      : undefined,
  });

  const services = {
    peopleCredit: peopleCredit.createService(
      peopleCredit.loadPeopleCreditConfig({
        ...base,
        PORT: String(ports.peopleCredit),
        SEED_DEMO_DATA: opts.seedDemoData ? 'true' : env.SEED_DEMO_DATA,
      }),
      deps('people-credit'),
    ),
    cases: cases.createService(cases.loadCasesConfig({ ...base, PORT: String(ports.cases) }), deps('cases')),
    tasks: tasks.createService(tasks.loadTasksConfig({ ...base, PORT: String(ports.tasks) }), deps('tasks')),
    metrics: metrics.createService(
      metrics.loadMetricsConfig({ ...base, PORT: String(ports.metrics) }),
      deps('metrics'),
    ),
  };
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse())
      await s.stop().catch((err) => log.error({ err: String(err) }, 'error while stopping'));
    await shared?.close();
    await stopPg?.();
  };
  try {
    for (const s of Object.values(services)) {
      await s.start();
      started.push(s);
    }
    let gatewayUrl = '';
    const webConsole = env.WEB_CONSOLE_DIR || (existsSync(WEB_CONSOLE_DIST) ? WEB_CONSOLE_DIST : undefined);
    let gatewayHandle: Gateway | undefined;
    if (opts.gateway !== false) {
      const gateway = createGateway(
        loadGatewayConfig({
          ...env,
          PORT: String(opts.gatewayPort ?? env.PORT ?? 4000),
          CASES_URL: services.cases.url,
          PEOPLE_CREDIT_URL: services.peopleCredit.url,
          TASKS_URL: services.tasks.url,
          METRICS_URL: services.metrics.url,
          // The response cache hears the same events as the services (or the shared in-process bus).
          NATS_URL: natsUrl,
          WEB_CONSOLE_DIR: webConsole,
        }),
        { logger: log.child({ service: 'gateway' }), bus: shared },
      );
      await gateway.start();
      started.push(gateway);
      gatewayUrl = gateway.url;
      gatewayHandle = gateway;
    }
    return {
      gatewayUrl,
      gateway: gatewayHandle,
      databaseUrl,
      webConsole: opts.gateway !== false ? webConsole : undefined,
      bus: shared,
      services: Object.fromEntries(
        Object.entries(services).map(([k, s]) => [
          k,
          {
            get url() {
              return s.url;
            },
            stop: () => s.stop(),
            start: () => s.start(),
          },
        ]),
      ) as Stack['services'],
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
