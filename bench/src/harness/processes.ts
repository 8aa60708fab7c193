import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Stack } from '@zhiyuan/stack';
import { TEST_INTERNAL_SECRET } from '@zhiyuan/testing';
import { freePort } from './infra';
import { REPO_ROOT } from './load';
import { composeForStack } from './supergraph';

/** A server the benchmark started in a child process of its own. */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Polls until the server answers: a GraphQL `{ __typename }` (a gateway), or GET of a readiness URL (a subgraph). */
async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  readyUrl?: string,
  timeoutMs = 60_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before answering: ${output().slice(-800)}`);
    const probe = readyUrl
      ? fetch(readyUrl)
      : fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        });
    const ok = await probe.then((r) => r.ok).catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`no answer from ${readyUrl ?? url}: ${output().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startChild(
  script: string,
  env: Record<string, string | undefined>,
  port: number,
  subgraph = false,
): Promise<ServerProcess> {
  // The benchmark itself runs under `tsx --tsconfig ../tsconfig.json`, which tsx passes on relative to bench/.
  // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // One node process, as deployed (`node main.js`), with tsx's loader in it: the `tsx` command would put a
  // second node process of its own (some 45 MB) above each server, and its memory into the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', ...profile, script], {
    cwd: REPO_ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let out = '';
  // BENCH_SERVER_LOGS=<dir>: each server's output is also written to <dir>/<script's service>-<pid>.log.
  const logFile = process.env.BENCH_SERVER_LOGS
    ? createWriteStream(
        path.join(
          process.env.BENCH_SERVER_LOGS,
          `${path.basename(path.dirname(path.dirname(script)))}-${child.pid}.log`,
        ),
      )
    : undefined;
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
    logFile?.write(d);
  };
  child.once('exit', () => logFile?.end());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitForHealth(
      url,
      child,
      () => out,
      subgraph ? `http://127.0.0.1:${port}/ready` : undefined,
      subgraph ? 180_000 : 60_000,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const SUBGRAPHS = [
  { key: 'peopleCredit', dir: 'people-credit', env: 'PEOPLE_CREDIT_URL' },
  { key: 'cases', dir: 'cases', env: 'CASES_URL' },
  { key: 'tasks', dir: 'tasks', env: 'TASKS_URL' },
  { key: 'metrics', dir: 'metrics', env: 'METRICS_URL' },
] as const;
export type SubgraphKey = (typeof SUBGRAPHS)[number]['key'];

/** The four subgraphs in processes of their own, with the pid of each (for memory and CPU samples). */
export type SubgraphProcesses = Stack & {
  pids: Partial<Record<SubgraphKey, number>>;
  /** Starts the subgraphs left out at first (`defer`), on the same database and NATS. */
  startDeferred(): Promise<void>;
};

/** One subgraph as deployed (`services/<name>/src/main.ts`) on a free port. */
async function startSubgraph(
  s: (typeof SUBGRAPHS)[number],
  opts: { databaseUrl: string; natsUrl?: string; env?: Record<string, string> },
): Promise<ServerProcess> {
  const port = await freePort();
  return startChild(
    path.join(REPO_ROOT, `services/${s.dir}/src/main.ts`),
    {
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: opts.databaseUrl,
      NATS_URL: opts.natsUrl,
      NATS_USER: undefined,
      NATS_PASSWORD: undefined,
      INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
      SEED_DEMO_DATA: s.key === 'peopleCredit' ? 'true' : undefined,
      ...opts.env,
    },
    port,
    true,
  );
}

/**
 * The four subgraphs as they are deployed (`services/<name>/src/main.ts`), each in a process of its
 * own on a free port, over one database and NATS server; people-credit first, seeding the demo
 * county's divisions and staff. The result has the shape of startStack's. The subgraphs in `defer`
 * are not started until `startDeferred()` (their URLs are empty until then): the backlog scenario
 * loads the history while their consumers do not exist yet.
 */
export async function startSubgraphProcesses(opts: {
  databaseUrl: string;
  natsUrl?: string;
  env?: Record<string, string>;
  defer?: SubgraphKey[];
}): Promise<SubgraphProcesses> {
  const started: Partial<Record<SubgraphKey, ServerProcess>> = {};
  const stop = async () => {
    for (const s of [...SUBGRAPHS].reverse()) await started[s.key]?.stop().catch(() => undefined);
  };
  const startSome = async (which: (s: (typeof SUBGRAPHS)[number]) => boolean) => {
    try {
      for (const s of SUBGRAPHS) {
        if (!which(s) || started[s.key]) continue;
        started[s.key] = await startSubgraph(s, opts);
        services[s.key].url = started[s.key]!.url;
        pids[s.key] = started[s.key]!.pid;
      }
    } catch (err) {
      await stop();
      throw err;
    }
  };
  const pids: SubgraphProcesses['pids'] = {};
  const services = Object.fromEntries(
    SUBGRAPHS.map((s) => [
      s.key,
      {
        url: '',
        stop: () => started[s.key]?.stop() ?? Promise.resolve(),
        start: async (): Promise<void> => {
          throw new Error('a subgraph process is not restarted');
        },
      },
    ]),
  ) as unknown as Stack['services'];
  const deferred = new Set(opts.defer ?? []);
  await startSome((s) => !deferred.has(s.key));
  return {
    gatewayUrl: '',
    databaseUrl: opts.databaseUrl,
    services,
    stop,
    pids,
    startDeferred: () => startSome(() => true),
  };
}

/**
 * Our gateway as it is deployed (`gateway/src/main.ts`), in its own process (or GATEWAY_WORKERS
 * cluster workers), over the running subgraphs, hearing the domain events on NATS for its response cache.
 */
export async function startGatewayProcess(
  stack: Stack,
  opts: { natsUrl?: string; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  return startChild(
    path.join(REPO_ROOT, 'gateway/src/main.ts'),
    {
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      // The supergraph of the subgraphs as they are now (the committed file may lag behind their SDL).
      SUPERGRAPH_MODE: 'introspect',
      CASES_URL: stack.services.cases.url,
      PEOPLE_CREDIT_URL: stack.services.peopleCredit.url,
      TASKS_URL: stack.services.tasks.url,
      METRICS_URL: stack.services.metrics.url,
      INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
      // A load test is not abuse: the per-identity limit would cap every run at 20 requests/s.
      RATE_LIMIT_PER_MINUTE: '0',
      NATS_URL: opts.natsUrl,
      NATS_USER: undefined,
      NATS_PASSWORD: undefined,
      ...opts.env,
    },
    port,
  );
}

/** @graphql-hive/gateway's runtime over the same supergraph and subgraphs, in its own process (`hive-main.ts`). */
export async function startHiveProcess(stack: Stack): Promise<ServerProcess> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zy-bench-hive-'));
  const file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, composeForStack(stack));
  try {
    const p = await startChild(
      path.join(__dirname, 'hive-main.ts'),
      { PORT: String(port), SUPERGRAPH_FILE: file },
      port,
    );
    return { ...p, stop: async () => (await p.stop(), rmSync(dir, { recursive: true, force: true })) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
