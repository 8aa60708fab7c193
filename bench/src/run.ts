import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Dataset, SCALES, type Scale } from './generator';
import { startBenchEnvironment, type BenchEnvironment, type SubgraphPlacement } from './harness/infra';
import { loadDataset, REPO_ROOT, type LoadedData } from './harness/load';
import { renderMarkdown, type BenchResults } from './report';
import { generateScenario } from './scenarios/generate';
import { importScenario } from './scenarios/import';
import { gatewayScenario } from './scenarios/gateway';
import { sqlScenario } from './scenarios/sql';
import { eventsScenario } from './scenarios/events';
import { cockpitProvinceScenario, cockpitScenario } from './scenarios/cockpit';
import { webhooksScenario } from './scenarios/webhooks';
import { liveScenario } from './scenarios/live';
import { tracingScenario } from './scenarios/tracing';
import { trafficScenario } from './scenarios/traffic';
import { backlogScenario } from './scenarios/backlog';
import { soakScenario } from './scenarios/soak';

const SCENARIOS = [
  'generate',
  'import',
  'gateway',
  'sql',
  'events',
  'cockpit',
  'webhooks',
  'live',
  'tracing',
  'traffic',
  'backlog',
  'soak',
] as const;
type Scenario = (typeof SCENARIOS)[number];
/** `all` leaves out the long runs: the backlog (a county's whole history loaded on its own stack) and the soak (30 minutes). */
const IN_ALL = SCENARIOS.filter((s) => s !== 'backlog' && s !== 'soak');
const NEEDS_STACK: Scenario[] = ['gateway', 'sql', 'events', 'cockpit', 'live', 'tracing', 'traffic', 'soak'];
/** The soak's default length (the issue's 30 minutes); --duration sets it. */
const SOAK_DEFAULT_SECONDS = 1800;

const USAGE = `usage: npm run bench -- [--scenario all|${SCENARIOS.join('|')}[,...]] [--scale county|province]
       [--judgments N] [--duration SEC] [--connections N] [--seed N] [--import-rows N[,N]] [--out DIR]
       (all: every scenario but backlog and soak; --duration: 10 s per load run, 1800 s for the soak)
       [--live-subscribers N] [--live-rate N] [--live-idle N]   (live: SSE subscribers, payments/s, idle total)
       [--write-rate N] [--cache on|off]   (traffic: mutations/s beside the reads, 5 daytime, 50 stress; response cache)
       [--subgraphs processes|inline]   (default: processes, inline when the sql scenario runs)
       npm run bench -- --render bench/results/FILE.json   (re-render the Markdown of a saved result)`;

export interface RunOptions {
  scale: Scale;
  seed: number;
  judgments: number;
  durationSeconds: number;
  connections: number;
  importRows: number[];
  eventsCases: number;
  eventsRate: number;
  liveSubscribers: number;
  liveRate: number;
  liveIdle: number;
  /** traffic: mutations a second beside the reads, and whether the gateway's response cache is on. */
  writeRate: number;
  trafficCache: 'on' | 'off';
  /** soak: length of the traffic run (--duration, else 30 minutes). */
  soakDurationSeconds: number;
  log: (m: string) => void;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'all' },
      scale: { type: 'string', default: 'county' },
      judgments: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string', default: '16' },
      seed: { type: 'string', default: '20240708' },
      'import-rows': { type: 'string' },
      'events-cases': { type: 'string', default: '1000' },
      'events-rate': { type: 'string', default: '200' },
      'live-subscribers': { type: 'string', default: '1000' },
      'live-rate': { type: 'string', default: '20' },
      'live-idle': { type: 'string', default: '0' },
      'write-rate': { type: 'string', default: '5' },
      cache: { type: 'string', default: 'on' },
      out: { type: 'string', default: path.join(REPO_ROOT, 'bench/results') },
      render: { type: 'string' },
      subgraphs: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.render) {
    // Re-renders the Markdown report of a saved JSON result (after notes were added to it).
    // npm runs the script in bench/; a path is meant from where npm was invoked.
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.render);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    writeFileSync(file.replace(/\.json$/, '.md'), renderMarkdown(saved));
    return;
  }
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) throw new Error(`--scale must be county or province`);
  const selected: Scenario[] = values.scenario === 'all' ? [...IN_ALL] : (values.scenario!.split(',') as Scenario[]);
  for (const s of selected) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}\n${USAGE}`);
  if (values.cache !== 'on' && values.cache !== 'off') throw new Error('--cache must be on or off');
  if (!(Number(values['write-rate']) > 0)) throw new Error('--write-rate must be a positive number');
  const ds = new Dataset(scale, Number(values.seed));
  const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  const opts: RunOptions = {
    scale,
    seed: Number(values.seed),
    judgments: values.judgments ? Number(values.judgments) : ds.totalJudgments,
    durationSeconds: Number(values.duration ?? 10),
    connections: Number(values.connections),
    importRows: values['import-rows']
      ? values['import-rows'].split(',').map(Number)
      : scale === 'county'
        ? [100_000]
        : [100_000, 1_000_000],
    eventsCases: Number(values['events-cases']),
    eventsRate: Number(values['events-rate']),
    liveSubscribers: Number(values['live-subscribers']),
    liveRate: Number(values['live-rate']),
    liveIdle: Number(values['live-idle']),
    writeRate: Number(values['write-rate']),
    trafficCache: values.cache === 'off' ? 'off' : 'on',
    soakDurationSeconds: Number(values.duration ?? SOAK_DEFAULT_SECONDS),
    log,
  };

  // npm runs the script in bench/; a relative --out is meant from where npm was invoked, as --render is.
  const outDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out!);
  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `${scale}${values.judgments ? `-${values.judgments}` : ''}`);
  /** Writes what is measured so far: a scenario that fails later does not take the others with it. */
  const save = (): string => {
    writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
    const md = renderMarkdown(results);
    writeFileSync(`${base}.md`, md);
    return md;
  };
  const results: BenchResults = {
    meta: {
      startedAt: new Date().toISOString(),
      scale,
      seed: opts.seed,
      scenarios: selected,
      judgmentsLoaded: 0,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 1e9),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      settings: { durationSeconds: opts.durationSeconds, connections: opts.connections },
    },
    notRun: [],
  };

  if (opts.judgments < ds.totalJudgments && selected.some((x) => NEEDS_STACK.includes(x) || x === 'backlog')) {
    results.notRun.push({
      scenario: 'full-scale load',
      reason: `only the first ${opts.judgments} of ${ds.totalJudgments} judgments (and the parties they name) were loaded (--judgments)`,
    });
  }
  if (selected.includes('generate')) results.generate = await generateScenario(ds, opts);
  if (selected.includes('import')) results.import = await importScenario(ds, opts);
  // Partner webhooks run on people-credit alone, on a fresh database of their own.
  if (selected.includes('webhooks')) {
    results.webhooks = await webhooksScenario(opts);
    save();
  }
  // The backlog loads the history on a stack of its own, with tasks and metrics started only after it.
  if (selected.includes('backlog')) {
    if (scale === 'province') throw new Error('the backlog scenario loads one county: use --scale county');
    results.meta.subgraphs = 'processes';
    results.backlog = await backlogScenario(ds, opts);
    results.meta.judgmentsLoaded = results.backlog.judgments;
    save();
  }

  // The province cockpit runs on generated facts at metrics alone (see cockpitProvinceScenario).
  if (scale === 'province' && selected.includes('cockpit')) results.cockpit = await cockpitProvinceScenario(opts);
  const stackScenarios = selected.filter((s) => NEEDS_STACK.includes(s) && !(scale === 'province' && s === 'cockpit'));
  if (stackScenarios.length) {
    if (scale === 'province' && !values.judgments) {
      for (const s of stackScenarios) {
        results.notRun.push({
          scenario: s,
          reason:
            "province scale: loading 1,000,000 judgments with their lives through the mutations takes hours on this 2-core machine, and people-credit seeds only one county's division tree (there is no mutation to create divisions of other counties)",
        });
      }
    } else {
      let env: BenchEnvironment | undefined;
      try {
        // Statements are counted through hooks in the subgraphs' data sources: the sql scenario needs them inline.
        const placement = (values.subgraphs ??
          (stackScenarios.includes('sql') ? 'inline' : 'processes')) as SubgraphPlacement;
        if (placement !== 'processes' && placement !== 'inline')
          throw new Error('--subgraphs must be processes or inline');
        if (placement === 'processes' && stackScenarios.includes('sql'))
          throw new Error('the sql scenario needs --subgraphs inline');
        results.meta.subgraphs = placement;
        log(
          `starting the product (fresh database, private NATS, four subgraphs ${placement === 'inline' ? 'in this process' : 'in processes of their own'}, the gateway)`,
        );
        env = await startBenchEnvironment({ nats: true, subgraphs: placement });
        const started = env;
        // An interrupted run still drops its database and stops its private NATS.
        for (const sig of ['SIGINT', 'SIGTERM'] as const) {
          process.once(sig, () => {
            log(`${sig}: cleaning up`);
            void started.stop().finally(() => process.exit(130));
          });
        }
        const data: LoadedData = await loadDataset(env, ds, { judgments: opts.judgments, log });
        results.load = data.report;
        results.meta.judgmentsLoaded = data.report.judgments.imported;
        save();
        const runs = {
          sql: async () => void (results.sql = await sqlScenario(env!, ds, data, opts)),
          gateway: async () => void (results.gateway = await gatewayScenario(env!, ds, data, opts)),
          cockpit: async () => void (results.cockpit = await cockpitScenario(env!, ds, data, opts)),
          events: async () => void (results.events = await eventsScenario(env!, ds, data, opts)),
          live: async () => void (results.live = await liveScenario(env!, ds, data, opts)),
          tracing: async () => void (results.tracing = await tracingScenario(env!, ds, data, opts)),
          traffic: async () => void (results.traffic = await trafficScenario(env!, ds, data, opts)),
          soak: async () =>
            void (results.soak = await soakScenario(env!, ds, data, {
              ...opts,
              durationSeconds: opts.soakDurationSeconds,
            })),
        };
        for (const [name, run] of Object.entries(runs)) {
          if (!stackScenarios.includes(name as Scenario)) continue;
          await run();
          save();
        }
      } finally {
        await env?.stop();
      }
    }
  }
  results.meta.finishedAt = new Date().toISOString();
  const md = save();
  process.stdout.write(`${md}\nwrote ${base}.json and ${base}.md\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
