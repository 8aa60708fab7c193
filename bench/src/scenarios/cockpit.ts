import { createHash } from 'node:crypto';
import { InProcessEventBus } from '@zhiyuan/events';
import { createService, loadMetricsConfig, recomputeReadModels, settingsFrom } from '@zhiyuan/metrics';
import { createTestDatabase, identity, silentLogger } from '@zhiyuan/testing';
import type { DataSource } from 'typeorm';
import { Dataset, type JudgmentRow } from '../generator';
import { DEFAULT_DATABASE_URL, freePort, type BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import type { LoadResult } from '../harness/autocannon';
import { ALL_TIME, operation } from '../harness/operations';
import type { RunOptions } from '../run';
import { measure, pickTargets } from './common';

export interface CockpitResults {
  scale: string;
  township: string;
  runs: LoadResult[];
  /** Province scale: how the facts were made and the read models built. */
  province?: ProvinceFacts;
}

/** The township dashboard (cockpit figures and village ranking) under load, through the gateway and at metrics. */
export async function cockpitScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
): Promise<CockpitResults> {
  const t = pickTargets(ds, data, opts.judgments);
  const liaison = identity(['TOWNSHIP_LIAISON'], { sub: 'bench-liaison', divisionCode: t.township });
  const q = operation('TownshipDashboard');
  const vars = { townshipCode: t.township, period: ALL_TIME };
  const runs: LoadResult[] = [];
  for (const [target, url] of [
    ['zhiyuan-gateway', env.stack.gatewayUrl],
    ['subgraph-direct', env.stack.services.metrics.url],
  ] as const) {
    opts.log(`cockpit: TownshipDashboard via ${target}`);
    runs.push(await measure(target, 'TownshipDashboard', url, q, vars, liaison, opts));
    const last = runs[runs.length - 1]!;
    opts.log(
      `  ${Math.round(last.requestsPerSecond)} req/s, p99 ${last.latencyMs.p99} ms${last.graphqlErrors ? `, errors: ${last.graphqlErrors}` : ''}`,
    );
  }
  return { scale: opts.scale, township: t.township, runs };
}

export interface ProvinceFacts {
  /** The facts were generated and written straight into metrics' fact tables (not loaded through the product). */
  method: string;
  judgments: number;
  closedCases: number;
  openCases: number;
  payments: number;
  listings: number;
  factSeconds: number;
  /** The product's own recompute (the rebuild's second half) over all facts. */
  recomputeSeconds: number;
  readModelRows: Record<string, number>;
  /** The dashboard at one connection (no queueing); `runs` has it at the run's concurrency. */
  singleConnection: LoadResult;
}

/** How many judgments per county give at least this many closed cases (about 83 % of generated cases close). */
const PROVINCE_CLOSED = 1_000_000;
const PROVINCE_JUDGMENTS_PER_COUNTY = 12_100;

/**
 * The township dashboard with a million closed cases in the facts. Loading a million case lives
 * through the product takes days on this machine, so the generator's province judgments (100
 * counties) are turned into metrics facts (cases, payments, dishonest listings, as the events of
 * their lives would leave them) and written straight into a fresh metrics database; the read models
 * are then built by metrics' own recompute, and the dashboard is measured at the metrics subgraph
 * alone (a township liaison's signed identity, as the gateway would forward it).
 */
export async function cockpitProvinceScenario(opts: RunOptions): Promise<CockpitResults> {
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  const db = await createTestDatabase('zy_bench_province');
  const config = loadMetricsConfig({
    DATABASE_URL: db.url,
    PORT: String(await freePort()),
    METRICS_WARNING_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
  });
  const service = createService(config, { bus: new InProcessEventBus(silentLogger), logger: silentLogger });
  try {
    await service.start();
    const ds = new Dataset('province', opts.seed, {
      judgmentsPerCounty:
        opts.judgments < new Dataset('province').totalJudgments
          ? Math.ceil(opts.judgments / 100)
          : PROVINCE_JUDGMENTS_PER_COUNTY,
    });
    const t0 = performance.now();
    const facts = await writeProvinceFacts(service.runtime.ds, ds, opts.log);
    const factSeconds = (performance.now() - t0) / 1000;
    opts.log(
      `cockpit (province): ${facts.closedCases.toLocaleString('en')} closed and ${facts.openCases.toLocaleString('en')} open cases written as facts in ${factSeconds.toFixed(0)} s; recomputing the read models`,
    );
    const t1 = performance.now();
    await recomputeReadModels(service.runtime.ds, settingsFrom(config));
    const recomputeSeconds = (performance.now() - t1) / 1000;
    const readModelRows: Record<string, number> = {};
    for (const table of [
      'division_daily',
      'division_daily_dim',
      'division_monthly',
      'division_monthly_dim',
      'division_snapshot',
      'division_seen',
      'judge_daily',
    ]) {
      const [r] = await service.runtime.ds.query(`SELECT count(*)::int AS n FROM metrics.${table}`);
      readModelRows[table] = r.n;
    }
    opts.log(
      `  read models recomputed in ${recomputeSeconds.toFixed(0)} s: ${Object.entries(readModelRows)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}`,
    );
    await service.runtime.ds.query(`ANALYZE`);

    // The township with the most closed cases: the heaviest dashboard.
    const [busiest] = await service.runtime.ds.query(
      `SELECT division_code AS code FROM metrics.division_monthly WHERE length(division_code) = 9 GROUP BY division_code ORDER BY sum(closed_cases) DESC, division_code LIMIT 1`,
    );
    const township: string = busiest.code;
    const liaison = identity(['TOWNSHIP_LIAISON'], { sub: 'bench-liaison', divisionCode: township });
    const dashboard = (connections: number) => {
      opts.log(
        `cockpit (province): TownshipDashboard of ${township} at the metrics subgraph, ${connections} connection(s)`,
      );
      return measure(
        'subgraph-direct',
        'TownshipDashboard',
        service.url,
        operation('TownshipDashboard'),
        { townshipCode: township, period: ALL_TIME },
        liaison,
        { ...opts, connections },
      );
    };
    // One connection: the latency of a dashboard by itself; then the usual concurrency (queueing included).
    const single = await dashboard(1);
    opts.log(
      `  ${Math.round(single.requestsPerSecond)} req/s, p50 ${single.latencyMs.p50} ms, p99 ${single.latencyMs.p99} ms${single.graphqlErrors ? `, errors: ${single.graphqlErrors}` : ''}`,
    );
    const run = await dashboard(opts.connections);
    opts.log(
      `  ${Math.round(run.requestsPerSecond)} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms${run.graphqlErrors ? `, errors: ${run.graphqlErrors}` : ''}`,
    );
    return {
      scale: 'province',
      township,
      runs: [run],
      province: {
        method:
          'generated province judgments written as facts straight into metrics (cases, payments, listings), read models by the product recompute',
        ...facts,
        factSeconds: Math.round(factSeconds),
        recomputeSeconds: Math.round(recomputeSeconds),
        readModelRows,
        singleConnection: single,
      },
    };
  } finally {
    await service.stop();
    await db.drop();
  }
}

const uuid = (s: string) => {
  const h = createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const at = (day: string) => `${day}T02:00:00.000Z`;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

interface CaseFacts {
  case: Record<string, unknown>;
  payments: Record<string, unknown>[];
  listings: Record<string, unknown>[];
}

/** The facts a judgment's life leaves in metrics (what its events would have written). */
function factsOf(ds: Dataset, j: JudgmentRow, home: string, obligorId: string): CaseFacts {
  const county = Math.floor(j.index / ds.shape.judgmentsPerCounty);
  const owed = j.principalFen + j.interestFen + j.costsFen;
  const payments = j.steps.flatMap((s, k) =>
    s.kind === 'payment'
      ? [
          {
            performance_id: uuid(`${j.key}:pay:${k}`),
            case_id: j.key,
            amount_fen: s.amountFen,
            source: 'VOLUNTARY',
            paid_on: s.on,
            recorded_at: at(s.on),
          },
        ]
      : [],
  );
  const paid = payments.reduce((t, p) => t + p.amount_fen, 0);
  const filed = j.steps.find((s) => s.kind === 'fileEnforcement')?.on ?? null;
  const lastPayment = payments.at(-1)?.paid_on ?? null;
  const stateChange = (to: string) => j.steps.find((s) => s.kind === 'changeState' && s.to === to)?.on ?? null;
  let outcome: string | null = null;
  let closedOn: string | null = null;
  switch (j.outcome) {
    case 'PERFORMED_AFTER_URGING':
      [outcome, closedOn] = ['PERFORMED_AFTER_URGING', lastPayment];
      break;
    case 'COMPLETED':
      [outcome, closedOn] = ['COMPLETED', lastPayment];
      break;
    case 'INSTALMENTS':
    case 'SETTLED':
      // Closed once every instalment is paid; those still falling due keep the case open.
      if (paid >= owed)
        [outcome, closedOn] = [j.outcome === 'INSTALMENTS' ? 'COMPLETED' : 'SETTLED_AND_PERFORMED', lastPayment];
      break;
    case 'TERMINATED_THIS_ROUND':
      [outcome, closedOn] = ['TERMINATED_THIS_ROUND', stateChange('TERMINATED_THIS_ROUND')];
      break;
    case 'EXITED':
      [outcome, closedOn] = ['EXITED', stateChange('EXITED')];
      break;
  }
  const codes = { county_code: home.slice(0, 6), township_code: home.slice(0, 9), village_code: home };
  const listings = j.steps.flatMap((s, k) =>
    s.kind === 'listDishonest'
      ? [
          {
            listing_id: uuid(`${j.key}:listing:${k}`),
            party_id: obligorId,
            case_id: j.key,
            ...codes,
            listed_at: at(s.on),
            listed_on: s.on,
            // A listing ends when the obligation is performed.
            removed_at: outcome === 'COMPLETED' && closedOn ? at(closedOn) : null,
            removed_on: outcome === 'COMPLETED' ? closedOn : null,
            removal_ground: outcome === 'COMPLETED' ? 'PERFORMED' : null,
          },
        ]
      : [],
  );
  const urged = j.outcome === 'PERFORMED_AFTER_URGING';
  return {
    case: {
      case_id: j.key,
      case_number: j.caseNumber,
      judge_id: uuid(`judge:${county}:${j.judgeIndex}`),
      ...codes,
      cause_code: j.causeCode,
      cause_category: j.causeCode,
      obligor_ids: [obligorId],
      amount_owed_fen: owed,
      effective_date: j.effectiveDate,
      urging_started_on: j.effectiveDate,
      urging_ended_on: urged ? lastPayment : filed,
      urging_end_reason: urged ? 'PERFORMED' : filed ? 'ENFORCEMENT_APPLIED' : null,
      enforcement_filed: !urged,
      filed_on: filed,
      outcome,
      urged: true,
      closed_at: closedOn ? at(closedOn) : null,
      closed_on: closedOn,
      days_open: closedOn ? daysBetween(j.effectiveDate, closedOn) : null,
      amount_applied_fen: closedOn ? owed : null,
      amount_recovered_fen: closedOn ? paid : null,
    },
    payments,
    listings,
  };
}

const CASE_COLUMNS: [string, string][] = [
  ['case_id', 'uuid'],
  ['case_number', 'text'],
  ['judge_id', 'uuid'],
  ['county_code', 'text'],
  ['township_code', 'text'],
  ['village_code', 'text'],
  ['cause_code', 'text'],
  ['cause_category', 'text'],
  ['obligor_ids', 'uuid[]'],
  ['amount_owed_fen', 'bigint'],
  ['effective_date', 'date'],
  ['urging_started_on', 'date'],
  ['urging_ended_on', 'date'],
  ['urging_end_reason', 'text'],
  ['enforcement_filed', 'boolean'],
  ['filed_on', 'date'],
  ['outcome', 'text'],
  ['urged', 'boolean'],
  ['closed_at', 'timestamptz'],
  ['closed_on', 'date'],
  ['days_open', 'int'],
  ['amount_applied_fen', 'bigint'],
  ['amount_recovered_fen', 'bigint'],
];
const PAYMENT_COLUMNS: [string, string][] = [
  ['performance_id', 'uuid'],
  ['case_id', 'uuid'],
  ['amount_fen', 'bigint'],
  ['source', 'text'],
  ['paid_on', 'date'],
  ['recorded_at', 'timestamptz'],
];
const LISTING_COLUMNS: [string, string][] = [
  ['listing_id', 'uuid'],
  ['party_id', 'uuid'],
  ['case_id', 'uuid'],
  ['county_code', 'text'],
  ['township_code', 'text'],
  ['village_code', 'text'],
  ['listed_at', 'timestamptz'],
  ['listed_on', 'date'],
  ['removed_at', 'timestamptz'],
  ['removed_on', 'date'],
  ['removal_ground', 'text'],
];

async function insertRows(
  db: DataSource,
  table: string,
  columns: [string, string][],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([c]) => c).join(', ');
  await db.query(
    `INSERT INTO metrics.${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

/** Streams the dataset's judgments into metrics' fact tables in batches (parties are looked up county by county). */
async function writeProvinceFacts(
  db: DataSource,
  ds: Dataset,
  log: (m: string) => void,
): Promise<Omit<ProvinceFacts, 'method' | 'factSeconds' | 'recomputeSeconds' | 'readModelRows' | 'singleConnection'>> {
  const counts = { judgments: 0, closedCases: 0, openCases: 0, payments: 0, listings: 0 };
  let batch: CaseFacts[] = [];
  const flush = async () => {
    await insertRows(
      db,
      'case_fact',
      CASE_COLUMNS,
      batch.map((b) => b.case),
    );
    await insertRows(
      db,
      'payment_fact',
      PAYMENT_COLUMNS,
      batch.flatMap((b) => b.payments),
    );
    await insertRows(
      db,
      'listing_fact',
      LISTING_COLUMNS,
      batch.flatMap((b) => b.listings),
    );
    batch = [];
  };
  let county = -1;
  let parties = new Map<number, { key: string; home: string }>();
  for (const j of ds.judgments()) {
    const c = Math.floor(j.index / ds.shape.judgmentsPerCounty);
    if (c !== county) {
      county = c;
      parties = new Map();
      if (c % 10 === 0) log(`  facts: county ${c + 1} of ${ds.shape.counties}`);
    }
    let obligor = parties.get(j.obligorIndex);
    if (!obligor) {
      const p = ds.party(j.obligorIndex);
      obligor = { key: p.key, home: p.homeDivisionCode };
      parties.set(j.obligorIndex, obligor);
    }
    const f = factsOf(ds, j, obligor.home, obligor.key);
    counts.judgments++;
    if (f.case.closed_on) counts.closedCases++;
    else counts.openCases++;
    counts.payments += f.payments.length;
    counts.listings += f.listings.length;
    batch.push(f);
    if (batch.length >= 4000) await flush();
  }
  await flush();
  if (counts.closedCases < PROVINCE_CLOSED && ds.totalJudgments >= PROVINCE_JUDGMENTS_PER_COUNTY * 100)
    log(`  note: only ${counts.closedCases} closed cases (fewer than ${PROVINCE_CLOSED})`);
  return counts;
}
