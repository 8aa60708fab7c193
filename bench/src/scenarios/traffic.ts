import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Identity } from '@zhiyuan/auth';
import { identity } from '@zhiyuan/testing';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import { ADMIN_ID, REPO_ROOT, type LoadedData } from '../harness/load';
import { callerFor, gql, pool } from '../harness/client';
import { operation } from '../harness/operations';
import { startGatewayProcess, type ServerProcess } from '../harness/processes';
import {
  CASE_LIST_FILTERS,
  DEFAULT_MIX,
  TASK_LIST_QUERY,
  type Person,
  type Role,
  type TrafficOperation,
  type TrafficUniverse,
} from '../traffic/mix';
import type { DriverConfig, DriverOutput } from '../traffic/driver';
import type { RunOptions } from '../run';

export type WriteKind = 'payment' | 'taskCompletion' | 'meetingOutcome';

/** Shares of the write stream, in percent. */
export const WRITE_MIX: Record<WriteKind, number> = { payment: 60, taskCompletion: 20, meetingOutcome: 20 };

export interface OperationFigures {
  operation: string;
  /** Share of the read traffic asked for, in percent. */
  share: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Transport errors, non-2xx answers and answers with GraphQL errors, over all requests. */
  errorRate: number;
  graphqlErrors: Record<string, number>;
}

export interface TrafficResults {
  cache: 'on' | 'off';
  connections: number;
  durationSeconds: number;
  identities: { cadres: number; liaisons: number; officers: number; admins: number; judges: number };
  byOperation: OperationFigures[];
  overall: Omit<OperationFigures, 'operation' | 'share' | 'graphqlErrors'>;
  writes: {
    targetRatePerSecond: number;
    achievedRatePerSecond: number;
    mix: Record<WriteKind, number>;
    byKind: Record<string, { sent: number; ok: number; errors: Record<string, number>; p99Ms: number }>;
  };
  /** From the gateway's Prometheus series, the difference over the run. */
  gateway: {
    responseCache: Record<string, number>;
    /** hit ÷ all lookups (hit, miss, stale, joined); null when the cache is off or nothing was looked up. */
    responseCacheHitRate: number | null;
    subgraphFetches: { fetched: number; shared: number };
    /** shared ÷ (fetched + shared). */
    dedupedShare: number | null;
  };
  firstErrors: string[];
  conditions: string;
  /** The machine's 1-minute load average as the run started and as it ended. */
  loadAverage?: { start: number; end: number };
}

const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { paidFen } } }`;
const COMPLETE = `mutation($i: CompleteTaskInput!) { completeTask(input: $i) { id status } }`;
const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id invitees { party { id } case { id } } } }`;
const OUTCOME = `mutation($i: MeetingOutcomeInput!) { recordMeetingOutcome(input: $i) { id } }`;
const OPEN_TASKS = `query($f: TaskFilter!, $after: String) { tasks(filter: $f, first: 200, after: $after) { edges { node { id division { code } } } pageInfo { hasNextPage endCursor } } }`;
const PAGES = `query($filter: CaseFilter, $after: String) { cases(filter: $filter, first: 20, after: $after) { pageInfo { hasNextPage endCursor } } }`;

async function person(sub: string, role: Role, divisionCode: string): Promise<Person & { who: Identity }> {
  const who = identity([role as Exclude<Role, 'ANONYMOUS'>], { sub, divisionCode });
  const token = (await callerFor(who)).gatewayHeaders.authorization!.slice('Bearer '.length);
  return { sub, role, divisionCode, token, who };
}

/** The people and data the requests are drawn from: every village's cadre, every township's liaison, officers, the judges. */
export async function buildUniverse(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  judgments: number,
): Promise<TrafficUniverse> {
  const countyCode = ds.countyCode(0);
  const villageCodes: string[] = [];
  const townshipCodes: string[] = [];
  for (const d of ds.divisions()) {
    if (d.level === 'VILLAGE' && d.code.startsWith(countyCode)) villageCodes.push(d.code);
    if (d.level === 'TOWNSHIP' && d.code.startsWith(countyCode)) townshipCodes.push(d.code);
  }
  const casesOf = new Map<string, string[]>();
  const casesOfJudge = new Map<string, string[]>();
  for (const j of ds.judgments(0, judgments)) {
    const id = data.caseIds[j.index];
    if (!id) continue;
    const v = ds.party(j.obligorIndex).homeDivisionCode;
    casesOf.set(v, [...(casesOf.get(v) ?? []), id]);
    const judge = data.judgeIds[j.judgeIndex % Math.max(1, data.judgeIds.length)];
    if (judge) casesOfJudge.set(judge, [...(casesOfJudge.get(judge) ?? []), id]);
  }
  const strip = ({ who: _who, ...p }: Person & { who: Identity }): Person => p;
  const villages = await Promise.all(
    villageCodes.map(async (code) => ({
      code,
      cadre: strip(await person(`bench-cadre-${code}`, 'VILLAGE_CADRE', code)),
      caseIds: casesOf.get(code) ?? [],
    })),
  );
  // The case list's pages: the cursors of the first three pages of each filter, as a user paging on would get them.
  const admin = await callerFor(ADMIN_ID);
  const townships: TrafficUniverse['townships'] = [];
  for (const code of townshipCodes) {
    const pages: Record<string, (string | null)[]> = {};
    for (const [name, filter] of Object.entries(CASE_LIST_FILTERS)) {
      const cursors: (string | null)[] = [null];
      while (cursors.length < 3) {
        const r = await gql(
          env.stack.services.cases.url,
          PAGES,
          { filter: { divisionCode: code, ...filter }, after: cursors[cursors.length - 1] },
          admin.internalHeaders,
        );
        const info = r.data?.cases?.pageInfo as { hasNextPage: boolean; endCursor: string | null } | undefined;
        if (!info?.hasNextPage || !info.endCursor) break;
        cursors.push(info.endCursor);
      }
      pages[name] = cursors;
    }
    townships.push({ code, liaison: strip(await person(`bench-liaison-${code}`, 'TOWNSHIP_LIAISON', code)), pages });
  }
  const officers = await Promise.all(
    Array.from({ length: 8 }, async (_, i) =>
      strip(await person(`bench-officer-${i}`, 'ENFORCEMENT_OFFICER', countyCode)),
    ),
  );
  const admins = await Promise.all(
    Array.from({ length: 4 }, async (_, i) => strip(await person(`bench-admin-${i}`, 'ADMIN', countyCode))),
  );
  const judges = await Promise.all(
    data.judgeIds.map(async (sub) => ({
      person: strip(await person(sub, 'JUDGE', countyCode)),
      caseIds: casesOfJudge.get(sub) ?? [],
    })),
  );
  const caseIds = data.caseIds.filter((id): id is string => !!id);
  return { countyCode, villages, townships, officers, admins, judges, caseIds };
}

interface Write {
  kind: WriteKind;
  query: string;
  variables: Record<string, unknown>;
  token: string;
}

/** The writes of the stream: payments on open cases, completions of open tasks, outcomes at scheduled meetings. */
async function prepareWrites(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  u: TrafficUniverse,
  judgments: number,
  log: (m: string) => void,
): Promise<() => Write | undefined> {
  const admin = await callerFor(ADMIN_ID);
  const adminToken = admin.gatewayHeaders.authorization!.slice('Bearer '.length);
  const today = new Date().toISOString().slice(0, 10);
  const candidates: string[] = [];
  for (const j of ds.judgments(0, judgments)) {
    const id = data.caseIds[j.index];
    if (id && (j.outcome === 'OPEN' || j.outcome === 'INSTALMENTS')) candidates.push(id);
  }
  // Only cases that take a payment now (some open cases are in a state that refuses one): one 1-fen payment each.
  const payable: string[] = [];
  await pool(candidates.slice(0, 300), 4, async (caseId) => {
    const r = await gql(
      env.stack.gatewayUrl,
      PAY,
      { i: { caseId, amountFen: 1, paidOn: today, channel: 'BENCH' } },
      admin.gatewayHeaders,
    );
    if (!r.errors?.length && r.status === 200) payable.push(caseId);
  });
  // Open tasks of the county, worked by the staff of their division.
  const tasks: { id: string; division: string }[] = [];
  for (let after: string | null = null; ;) {
    const r: { data?: any } = await gql(
      env.stack.services.tasks.url,
      OPEN_TASKS,
      { f: { divisionCode: u.countyCode, status: ['OPEN', 'IN_PROGRESS'] }, after },
      admin.internalHeaders,
    );
    const conn = r.data?.tasks;
    if (!conn) break;
    for (const e of conn.edges as { node: { id: string; division: { code: string } } }[])
      tasks.push({ id: e.node.id, division: e.node.division.code });
    if (!conn.pageInfo.hasNextPage || tasks.length >= 5000) break;
    after = conn.pageInfo.endCursor as string;
  }
  const cadreOf = new Map(u.villages.map((v) => [v.code, v.cadre.token!]));
  const liaisonOf = new Map(u.townships.map((t) => [t.code, t.liaison.token!]));
  const workerOf = (division: string) => cadreOf.get(division) ?? liaisonOf.get(division) ?? u.officers[0]!.token!;
  // A meeting in each of up to 20 villages with cases, scheduled by the village's cadre; outcomes for its invitees.
  const invitees: { meetingId: string; partyId: string; caseId: string; token: string }[] = [];
  const meetingErrors: Record<string, number> = {};
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  await pool(u.villages.filter((v) => v.caseIds.length).slice(0, 20), 4, async (v) => {
    const r = await gql(
      env.stack.gatewayUrl,
      SCHEDULE,
      { i: { villageCode: v.code, title: '执行约谈会', venue: '村委会', scheduledAt: tomorrow } },
      { authorization: `Bearer ${v.cadre.token}` },
    );
    const m = r.data?.scheduleMeeting as { id: string; invitees: { party: { id: string }; case: { id: string } }[] };
    if (!m) {
      const code = String(r.errors?.[0]?.extensions?.code ?? r.status);
      meetingErrors[code] = (meetingErrors[code] ?? 0) + 1;
      return;
    }
    for (const i of m.invitees)
      invitees.push({ meetingId: m.id, partyId: i.party.id, caseId: i.case.id, token: v.cadre.token! });
  });
  log(
    `traffic: ${payable.length} of ${Math.min(300, candidates.length)} open cases take payments, ${tasks.length} open tasks, ${invitees.length} meeting invitees${Object.keys(meetingErrors).length ? ` (scheduling refused: ${JSON.stringify(meetingErrors)})` : ''}`,
  );
  let n = 0;
  let t = 0;
  const kinds: WriteKind[] = Object.entries(WRITE_MIX).flatMap(([k, share]) =>
    Array.from({ length: share / 10 }, () => k as WriteKind),
  );
  return () => {
    const kind = kinds[n++ % kinds.length]!;
    if (kind === 'taskCompletion' && t < tasks.length) {
      const task = tasks[t++]!;
      return {
        kind,
        query: COMPLETE,
        variables: { i: { id: task.id, outcome: 'PARTIAL', summary: '已上门联系被执行人', contactMade: true } },
        token: workerOf(task.division),
      };
    }
    if (kind === 'meetingOutcome' && invitees.length) {
      const i = invitees[n % invitees.length]!;
      return {
        kind,
        query: OUTCOME,
        variables: {
          i: { meetingId: i.meetingId, partyId: i.partyId, caseId: i.caseId, outcome: n % 2 ? 'REFUSED' : 'ABSENT' },
        },
        token: i.token,
      };
    }
    if (!payable.length) return undefined;
    // A payment (also when the tasks or the invitees have run out: the stream keeps its rate).
    return {
      kind: 'payment',
      query: PAY,
      variables: { i: { caseId: payable[n % payable.length], amountFen: 1, paidOn: today, channel: 'BENCH' } },
      token: adminToken,
    };
  };
}

/** The gateway's counters of interest, from its Prometheus text. */
export function readCounters(text: string): { cache: Record<string, number>; fetches: Record<string, number> } {
  const cache: Record<string, number> = {};
  const fetches: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(zhiyuan_response_cache_requests_total|zhiyuan_subgraph_fetches_total)\{([^}]*)\} ([0-9.e+]+)$/.exec(
      line,
    );
    if (!m) continue;
    const result = /result="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    const into = m[1] === 'zhiyuan_response_cache_requests_total' ? cache : fetches;
    into[result] = (into[result] ?? 0) + Number(m[3]);
  }
  return { cache, fetches };
}

async function scrape(gatewayUrl: string): Promise<ReturnType<typeof readCounters>> {
  const res = await fetch(new URL('/metrics', gatewayUrl));
  if (!res.ok) throw new Error(`the gateway's /metrics answered ${res.status}`);
  return readCounters(await res.text());
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

async function runDriver(cfg: DriverConfig): Promise<DriverOutput> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zy-bench-traffic-'));
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(cfg));
  try {
    const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
    const child = spawn(tsx, [path.join(__dirname, '../traffic/driver.ts'), file], {
      cwd: REPO_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    const code: number | null = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the traffic driver exited ${code}: ${err.slice(-600)}`);
    return JSON.parse(out) as DriverOutput;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Realistic traffic through our gateway: the frontends' read operations in the stated mix, each request
 * with its own identity and arguments (traffic/mix.ts), from a load generator in a process of its own,
 * while a stream of real mutations at `writeRate` a second invalidates the response cache as production
 * writes would. `cache: 'off'` runs the same against a gateway started with RESPONSE_CACHE=off.
 * `hooks.onDriveStart` is called as the readers and the writes start (the soak samples memory from then).
 */
export async function trafficScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
  hooks: { onDriveStart?: () => void } = {},
): Promise<TrafficResults> {
  const log = opts.log;
  const u = await buildUniverse(env, ds, data, opts.judgments);
  const next = await prepareWrites(env, ds, data, u, opts.judgments, log);
  let uncached: ServerProcess | undefined;
  try {
    if (opts.trafficCache === 'off')
      uncached = await startGatewayProcess(env.stack, { natsUrl: env.nats?.url, env: { RESPONSE_CACHE: 'off' } });
    const url = uncached?.url ?? env.stack.gatewayUrl;
    const queries = Object.fromEntries(
      (Object.keys(DEFAULT_MIX) as TrafficOperation[]).map((op) => [
        op,
        op === 'TaskList' ? TASK_LIST_QUERY : operation(op),
      ]),
    ) as Record<TrafficOperation, string>;
    const before = await scrape(url);
    const loadStart = os.loadavg()[0]!;
    log(
      `traffic: ${opts.durationSeconds} s, ${opts.connections} connections, writes at ${opts.writeRate}/s, response cache ${opts.trafficCache}`,
    );

    // The write stream, paced, until the readers are done.
    const byKind: TrafficResults['writes']['byKind'] = {};
    const latencies: Record<string, number[]> = {};
    let stop = false;
    let sent = 0;
    const inflight = new Set<Promise<void>>();
    const t0 = performance.now();
    const writer = (async () => {
      while (!stop) {
        const due = t0 + (sent * 1000) / opts.writeRate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 200)));
        if (stop) break;
        if (performance.now() < due) continue;
        const w = next();
        sent++;
        if (!w) continue;
        const k = (byKind[w.kind] ??= { sent: 0, ok: 0, errors: {}, p99Ms: 0 });
        k.sent++;
        const started = performance.now();
        const p = gql(url, w.query, w.variables, { authorization: `Bearer ${w.token}` })
          .then((r) => {
            (latencies[w.kind] ??= []).push(performance.now() - started);
            if (r.errors?.length || r.status !== 200) {
              const code = String(r.errors?.[0]?.extensions?.code ?? r.status);
              k.errors[code] = (k.errors[code] ?? 0) + 1;
            } else k.ok++;
          })
          .catch((err) => void (k.errors[String(err)] = (k.errors[String(err)] ?? 0) + 1));
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
    })();
    let out: DriverOutput;
    hooks.onDriveStart?.();
    try {
      out = await runDriver({
        url,
        universe: u,
        queries,
        seed: opts.seed,
        connections: opts.connections,
        durationSeconds: opts.durationSeconds,
      });
    } finally {
      stop = true;
      await writer;
      await Promise.all(inflight);
    }
    const writeSeconds = (performance.now() - t0) / 1000;
    const after = await scrape(url);
    for (const [kind, l] of Object.entries(latencies))
      byKind[kind]!.p99Ms = percentile(
        l.sort((a, b) => a - b),
        99,
      );

    const figures = (name: string, tallies: DriverOutput['byOperation'][string][]) => {
      const all = tallies.flatMap((t) => t.latenciesMs).sort((a, b) => a - b);
      const requests = tallies.reduce((s, t) => s + t.requests, 0);
      const graphqlErrors: Record<string, number> = {};
      for (const t of tallies)
        for (const [c, n] of Object.entries(t.graphqlErrors)) graphqlErrors[c] = (graphqlErrors[c] ?? 0) + n;
      const failed =
        tallies.reduce((s, t) => s + t.httpErrors, 0) + Object.values(graphqlErrors).reduce((s, n) => s + n, 0);
      return {
        operation: name,
        share: DEFAULT_MIX[name as TrafficOperation] ?? 100,
        requests,
        requestsPerSecond: requests / out.seconds,
        latencyMs: {
          p50: percentile(all, 50),
          p90: percentile(all, 90),
          p99: percentile(all, 99),
          max: percentile(all, 100),
        },
        errorRate: requests ? failed / requests : 0,
        graphqlErrors,
      };
    };
    const byOperation = (Object.keys(DEFAULT_MIX) as TrafficOperation[])
      .filter((op) => out.byOperation[op])
      .map((op) => figures(op, [out.byOperation[op]!]));
    const { operation: _o, share: _s, graphqlErrors: _g, ...overall } = figures('all', Object.values(out.byOperation));
    const delta = (a: Record<string, number>, b: Record<string, number>) =>
      Object.fromEntries(Object.keys(a).map((k) => [k, (a[k] ?? 0) - (b[k] ?? 0)]));
    const cache = delta(after.cache, before.cache);
    const lookups = Object.values(cache).reduce((s, n) => s + n, 0);
    const fetched = (after.fetches.fetched ?? 0) - (before.fetches.fetched ?? 0);
    const shared = (after.fetches.shared ?? 0) - (before.fetches.shared ?? 0);
    const results: TrafficResults = {
      cache: opts.trafficCache,
      connections: opts.connections,
      durationSeconds: out.seconds,
      identities: {
        cadres: u.villages.length,
        liaisons: u.townships.length,
        officers: u.officers.length,
        admins: u.admins.length,
        judges: u.judges.length,
      },
      byOperation,
      overall,
      writes: {
        targetRatePerSecond: opts.writeRate,
        achievedRatePerSecond: Object.values(byKind).reduce((s, k) => s + k.sent, 0) / writeSeconds,
        mix: WRITE_MIX,
        byKind,
      },
      gateway: {
        responseCache: cache,
        responseCacheHitRate: lookups ? (cache.hit ?? 0) / lookups : null,
        subgraphFetches: { fetched, shared },
        dedupedShare: fetched + shared ? shared / (fetched + shared) : null,
      },
      firstErrors: out.firstErrors,
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
      conditions: `our gateway (${uncached ? 'a process of its own with RESPONSE_CACHE=off' : 'as started for the suite, response cache on'}), ${env.subgraphs === 'processes' ? 'each subgraph in a process of its own' : 'the four subgraphs in the benchmark process'}, the load generator (undici, one request at a time per connection) in another process, the write stream in the benchmark process`,
    };
    log(
      `traffic: ${Math.round(overall.requestsPerSecond)} req/s, p50 ${overall.latencyMs.p50} ms, p99 ${overall.latencyMs.p99} ms, errors ${(overall.errorRate * 100).toFixed(2)} %, cache hit rate ${results.gateway.responseCacheHitRate === null ? 'n/a' : (results.gateway.responseCacheHitRate * 100).toFixed(1) + ' %'}, deduplicated ${results.gateway.dedupedShare === null ? 'n/a' : (results.gateway.dedupedShare * 100).toFixed(1) + ' %'}`,
    );
    return results;
  } finally {
    await uncached?.stop();
  }
}
