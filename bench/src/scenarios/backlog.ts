import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import type { Dataset } from '../generator';
import { startBenchEnvironment, deadLetters, type BenchEnvironment } from '../harness/infra';
import { ADMIN_ID, loadDataset } from '../harness/load';
import { callerFor, gql } from '../harness/client';
import { messagingState } from '../harness/settle';
import { cpuSeconds, postgresBackends, processTree } from '../harness/proc';
import {
  completeness,
  consumersIdle,
  coresUsed,
  limiter,
  machineBusyCores,
  parseProcStat,
  PRODUCT_SERVICES,
  throughput,
  type CompletenessCheck,
  type ConsumerState,
  type ConsumerThroughput,
  type InboxTally,
} from '../backlog/verdicts';
import type { LoadReport } from '../harness/load';
import type { RunOptions } from '../run';

/** The issue's target: the county's history fully projected within 2 minutes of its import's end. */
export const BACKLOG_TARGET_SECONDS = 120;
/** How long the scenario waits for the drain before it reports a miss. */
const DRAIN_TIMEOUT_MS = 15 * 60_000;
/** The subgraphs whose processes are not started until the import has ended. */
const HELD_BACK = ['tasks', 'metrics'] as const;

export interface BacklogResults {
  judgments: number;
  heldBack: string[];
  howHeldBack: string;
  load: LoadReport;
  /** The last step of the case lives answered: the clock starts here. */
  importEndedAt: string;
  /** Seconds from the import's end until the held-back subgraphs (started one after the other) were all ready. */
  startedAfterSeconds: number;
  /** Seconds from the import's end: every durable idle and every outbox drained (null: not within the timeout). */
  idleAfterSeconds: number | null;
  /** Seconds from the import's end: every read model check agreeing. */
  completeAfterSeconds: number | null;
  /** Both at one poll: the figure the target is judged on. */
  drainedAfterSeconds: number | null;
  timedOut: boolean;
  targetSeconds: number;
  /** The durables at the end (or at the timeout). */
  consumers: (ConsumerState & { delivered: number })[];
  completeness: CompletenessCheck[];
  /** Events a second through each consumer, from its inbox rows written after the import's end. */
  throughput: ConsumerThroughput[];
  /** Cores used over the drain, by process (PostgreSQL: the backends of the run's database, summed). */
  cpu: {
    windowSeconds: number;
    cores: Record<string, number>;
    /** The whole machine over the drain (/proc/stat), other work included. */
    machineBusyCores: number;
    limiter: string;
  };
  deadLettered: Record<string, number>;
  loadAverage: { start: number; end: number };
  conditions: string;
}

const COUNTY_STATS = `query($code: ID!, $p: MetricsPeriodInput!) { divisionStats(code: $code, period: $p) {
  judgmentsEffective closedCases current { openCases activeListings openTasks } } }`;
const BOARD = `query($code: ID!, $after: String) { exposureBoard(divisionCode: $code, first: 200, after: $after) {
  edges { cursor } pageInfo { hasNextPage endCursor } } }`;
/** A period holding the whole history and any closure recorded while it was loaded (the period's limit is 3,660 days). */
const ALL_TIME = { kind: 'CUSTOM', from: '2020-01-01', to: '2029-12-31' };

async function count(c: Client, sql: string): Promise<number> {
  const { rows } = await c.query<{ n: number }>(sql);
  return Number(rows[0]?.n ?? 0);
}

/** What the owning services' own tables imply for each read model check. */
async function expectedFigures(c: Client): Promise<Record<string, number>> {
  const cases = await count(c, `SELECT count(*)::int AS n FROM cases."case"`);
  const closed = await count(c, `SELECT count(*)::int AS n FROM cases."case" WHERE closed_at IS NOT NULL`);
  const listings = await count(c, `SELECT count(*)::int AS n FROM people.dishonest_listing WHERE status = 'ACTIVE'`);
  const tasks = await count(
    c,
    `SELECT count(*)::int AS n FROM tasks.task WHERE status IN ('OPEN', 'IN_PROGRESS')`,
  ).catch(() => Number.NaN);
  return {
    'metrics: county judgments effective = cases': cases,
    'metrics: county closed cases = closed cases': closed,
    'metrics: county open cases = open cases': cases - closed,
    'metrics: county active listings = active listings': listings,
    'metrics: county open tasks = open tasks': tasks,
    'people-credit: case projection = cases': cases,
    'tasks: case references = cases': cases,
    'exposure board: county entries = active listings': listings,
  };
}

/** What the read models show now (null where one cannot be read yet). */
async function actualFigures(
  env: BenchEnvironment,
  c: Client,
  countyCode: string,
  headers: Record<string, string>,
): Promise<Record<string, number | null>> {
  const safe = (p: Promise<number>) => p.catch(() => null);
  let stats: { judgmentsEffective: number; closedCases: number; current: Record<string, number> } | undefined;
  if (env.stack.services.metrics.url) {
    const r = await gql(env.stack.services.metrics.url, COUNTY_STATS, { code: countyCode, p: ALL_TIME }, headers).catch(
      () => undefined,
    );
    stats = r?.data?.divisionStats;
  }
  let board: number | null = 0;
  for (let after: string | null = null; ;) {
    const r: { data?: any } = await gql(
      env.stack.services.peopleCredit.url,
      BOARD,
      { code: countyCode, after },
      headers,
    ).catch(() => ({}));
    const conn = r.data?.exposureBoard;
    if (!conn) {
      board = null;
      break;
    }
    board += conn.edges.length;
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return {
    'metrics: county judgments effective = cases': stats?.judgmentsEffective ?? null,
    'metrics: county closed cases = closed cases': stats?.closedCases ?? null,
    'metrics: county open cases = open cases': stats?.current.openCases ?? null,
    'metrics: county active listings = active listings': stats?.current.activeListings ?? null,
    'metrics: county open tasks = open tasks': stats?.current.openTasks ?? null,
    'people-credit: case projection = cases': await safe(
      count(c, `SELECT count(*)::int AS n FROM people.case_projection`),
    ),
    'tasks: case references = cases': await safe(count(c, `SELECT count(*)::int AS n FROM tasks.case_ref`)),
    'exposure board: county entries = active listings': board,
  };
}

/** Every durable consumer on the run's JetStream. */
async function durables(natsUrl: string): Promise<(ConsumerState & { delivered: number })[]> {
  const { connect } = await import('nats');
  const nc = await connect({ servers: natsUrl, name: 'bench-backlog' });
  try {
    const jsm = await nc.jetstreamManager();
    const out: (ConsumerState & { delivered: number })[] = [];
    for await (const s of jsm.streams.list()) {
      for await (const ci of jsm.consumers.list(s.config.name)) {
        if (!ci.config.durable_name) continue;
        out.push({
          stream: s.config.name,
          name: ci.name,
          pending: ci.num_pending,
          ackPending: ci.num_ack_pending,
          delivered: ci.delivered.consumer_seq,
        });
      }
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** Inbox rows each consumer of each service handled since `sinceMs`. */
async function inboxTallies(c: Client, sinceMs: number): Promise<InboxTally[]> {
  const { rows: schemas } = await c.query<{ table_schema: string }>(
    `SELECT table_schema FROM information_schema.tables WHERE table_name = 'inbox_message'`,
  );
  const out: InboxTally[] = [];
  for (const { table_schema: schema } of schemas) {
    const { rows } = await c.query<{ consumer: string; n: number; first_ms: string; last_ms: string }>(
      `SELECT consumer, count(*)::int AS n, (extract(epoch FROM min(handled_at)) * 1000)::float8 AS first_ms,
              (extract(epoch FROM max(handled_at)) * 1000)::float8 AS last_ms
         FROM "${schema}".inbox_message WHERE handled_at >= to_timestamp($1 / 1000.0) GROUP BY consumer`,
      [sinceMs],
    );
    for (const r of rows)
      out.push({ schema, consumer: r.consumer, handled: r.n, firstMs: Number(r.first_ms), lastMs: Number(r.last_ms) });
  }
  return out;
}

/**
 * CPU seconds by process since the clock started. Node servers: their process trees (a process started
 * later counts from 0). PostgreSQL: the backends of the run's database, each from its first sight.
 */
class CpuMeter {
  private readonly base = new Map<string, number>();
  private readonly pgFirst = new Map<number, number>();
  private readonly pgLast = new Map<number, number>();

  constructor(
    private readonly env: BenchEnvironment,
    private readonly databaseUrl: string,
  ) {}

  private nodeSeconds(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.env.pids()).map(([n, pid]) => [n, cpuSeconds(processTree(pid))]));
  }

  async start(): Promise<void> {
    for (const [n, s] of Object.entries(this.nodeSeconds())) this.base.set(n, s);
    await this.samplePg(true);
  }

  async samplePg(baseline = false): Promise<void> {
    for (const pid of await postgresBackends(this.databaseUrl).catch(() => [])) {
      const s = cpuSeconds([pid]);
      if (!this.pgFirst.has(pid)) this.pgFirst.set(pid, baseline ? s : 0);
      this.pgLast.set(pid, s);
    }
  }

  /** Cores used by each since start(), over `wallSeconds`. */
  read(wallSeconds: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [n, s] of Object.entries(this.nodeSeconds())) out[n] = coresUsed(this.base.get(n) ?? 0, s, wallSeconds);
    let pg = 0;
    for (const [pid, last] of this.pgLast) pg += Math.max(0, last - (this.pgFirst.get(pid) ?? 0));
    out['postgres (the run database backends)'] = coresUsed(0, pg, wallSeconds);
    return out;
  }
}

/**
 * Backlog digestion: the county's history (every judgment the generator makes for it, with its case
 * life) loaded through the product while the processes of tasks and metrics are not started; then
 * they start, and the clock runs from the import's end until every durable consumer is idle, every
 * outbox drained and every read model check agrees.
 */
export async function backlogScenario(ds: Dataset, opts: RunOptions): Promise<BacklogResults> {
  const log = opts.log;
  log(`backlog: starting cases and people-credit only (tasks and metrics held back), fresh database, private NATS`);
  const env = await startBenchEnvironment({ nats: true, subgraphs: 'processes', defer: [...HELD_BACK] });
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void env.stop().finally(() => process.exit(130)));
  const db = new Client({ connectionString: env.stack.databaseUrl });
  await db.connect();
  try {
    if (!env.nats) throw new Error('the backlog scenario needs a NATS server');
    const loaded = await loadDataset(env, ds, { judgments: opts.judgments, log, skipFinalSettle: true });
    const endedAt = loaded.report.lifecycle.endedAt!;
    const t0 = Date.parse(endedAt);
    const since = () => (Date.now() - t0) / 1000;
    const loadStart = os.loadavg()[0]!;
    const cpu = new CpuMeter(env, env.stack.databaseUrl);
    await cpu.start();
    const statBefore = parseProcStat(readFileSync('/proc/stat', 'utf8'));

    log(`backlog: import ended ${since().toFixed(1)} s ago; starting ${HELD_BACK.join(' and ')}`);
    await env.startDeferred({ gateway: false });
    const startedAfterSeconds = since();

    const admin = await callerFor(ADMIN_ID);
    const countyCode = ds.countyCode(0);
    let idleAfter: number | null = null;
    let completeAfter: number | null = null;
    let drainedAfter: number | null = null;
    let lastConsumers: Awaited<ReturnType<typeof durables>> = [];
    let lastChecks: CompletenessCheck[] = [];
    let lastLog = 0;
    while (Date.now() - t0 < DRAIN_TIMEOUT_MS) {
      const at = since();
      lastConsumers = await durables(env.nats.url);
      const { unpublished } = await messagingState(env.stack.databaseUrl);
      const idle = consumersIdle(lastConsumers, PRODUCT_SERVICES, [...HELD_BACK]).idle && unpublished === 0;
      const expected = await expectedFigures(db);
      const c = completeness(expected, await actualFigures(env, db, countyCode, admin.internalHeaders));
      lastChecks = c.checks;
      await cpu.samplePg();
      if (idle && idleAfter === null) idleAfter = at;
      if (c.complete && completeAfter === null) completeAfter = at;
      if (idle && c.complete) {
        drainedAfter = at;
        break;
      }
      if (at - lastLog >= 15) {
        lastLog = at;
        const busy = consumersIdle(lastConsumers, PRODUCT_SERVICES).busy;
        log(
          `backlog: ${at.toFixed(0)} s: ${busy.length} durables busy (${busy
            .slice(0, 3)
            .map((x) => `${x.name} ${x.pending}+${x.ackPending}`)
            .join(', ')}), ${unpublished} unpublished, ${c.checks.filter((x) => !x.ok).length} checks disagree`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const window = drainedAfter ?? since();
    const cores = cpu.read(window);
    const machineCores = os.cpus().length;
    const machineBusy = machineBusyCores(statBefore, parseProcStat(readFileSync('/proc/stat', 'utf8')), machineCores);
    const tallies = await inboxTallies(db, t0);
    const results: BacklogResults = {
      judgments: loaded.report.judgments.imported,
      heldBack: [...HELD_BACK],
      howHeldBack:
        'the processes of tasks and metrics are started only once the last step of the case lives is answered, so their durable consumers do not exist during the import and are created then with deliver policy all: they read the whole history from the streams, as a consumer deployed (or restarted) after an import does. people-credit runs throughout: the parties are registered through it and the listings are its commands, which need its projection of each case, built from the cases events; its consumers are drained as part of the clock too.',
      load: loaded.report,
      importEndedAt: endedAt,
      startedAfterSeconds,
      idleAfterSeconds: idleAfter,
      completeAfterSeconds: completeAfter,
      drainedAfterSeconds: drainedAfter,
      timedOut: drainedAfter === null,
      targetSeconds: BACKLOG_TARGET_SECONDS,
      consumers: lastConsumers,
      completeness: lastChecks,
      throughput: throughput(tallies, t0),
      cpu: {
        windowSeconds: window,
        cores,
        machineBusyCores: machineBusy,
        limiter: limiter(cores, machineCores, machineBusy).verdict,
      },
      deadLettered: await deadLetters(env.nats.url),
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
      conditions: `cases and people-credit in processes of their own during the import; tasks and metrics started after it; a private nats-server; PostgreSQL shared with other work on the machine (${machineCores} cores)`,
    };
    log(
      `backlog: ${drainedAfter === null ? `not drained within ${DRAIN_TIMEOUT_MS / 60_000} min` : `drained ${drainedAfter.toFixed(1)} s after the import`} (idle ${idleAfter?.toFixed(1) ?? 'never'}, complete ${completeAfter?.toFixed(1) ?? 'never'}); ${results.cpu.limiter}`,
    );
    return results;
  } finally {
    await db.end().catch(() => undefined);
    await env.stop();
  }
}
