import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@zhiyuan/testing';
import { startStack, type Stack } from '@zhiyuan/stack';
import { createLogger, type Logger } from '@zhiyuan/config';
import {
  startGatewayProcess,
  startSubgraphProcesses,
  type ServerProcess,
  type SubgraphKey,
  type SubgraphProcesses,
} from './processes';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PrivateNats {
  url: string;
  /** The nats-server process (undefined when NATS_URL is used instead). */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * A private nats-server with its own JetStream store for one benchmark run, so durable consumers and
 * stream history of other runs (and of the shared server) never leak into the measurement. Falls
 * back to NATS_URL when no nats-server binary is on the PATH.
 */
export async function startPrivateNats(log: Logger): Promise<PrivateNats> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zy-bench-nats-'));
  let child: ChildProcess;
  try {
    child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      waitForPort(port).then(resolve, reject);
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const fallback = process.env.NATS_URL;
    if (!fallback) throw err;
    log.warn({ err: String(err) }, 'no nats-server binary; using NATS_URL (shared stream history may slow consumers)');
    return { url: fallback, stop: async () => undefined };
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Counts SQL statements per service between reset() and read(). `byService` holds only those a
 * subgraph issues while serving an HTTP request: each request runs in an AsyncLocalStorage context
 * (`aroundRequest`), so background work (the outbox relay, event handlers, the SMS sender, sweeps)
 * never counts there; `backgroundByService` holds that background work.
 */
export class QueryCounter {
  private counts = new Map<string, number>();
  private background = new Map<string, number>();
  private samples: string[] = [];
  /** Background statements by service and statement text (BENCH_SQL_PROFILE=<file> writes them when read). */
  private shapes = new Map<string, number>();
  private readonly requests = new AsyncLocalStorage<true>();
  enabled = false;

  readonly aroundRequest = (next: () => void) => this.requests.run(true, next);

  readonly onQuery = (service: string, sql: string) => {
    if (!this.enabled) return;
    if (!this.requests.getStore()) {
      this.background.set(service, (this.background.get(service) ?? 0) + 1);
      if (process.env.BENCH_SQL_PROFILE) {
        const shape = `${service}: ${sql.replace(/\s+/g, ' ').slice(0, 140)}`;
        this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
      }
      return;
    }
    this.counts.set(service, (this.counts.get(service) ?? 0) + 1);
    if (this.samples.length < 200) this.samples.push(`${service}: ${sql.slice(0, 160)}`);
  };

  reset(): void {
    this.counts.clear();
    this.background.clear();
    this.samples = [];
    this.shapes.clear();
    this.enabled = true;
  }

  read(): {
    total: number;
    byService: Record<string, number>;
    backgroundByService: Record<string, number>;
    samples: string[];
  } {
    this.enabled = false;
    if (process.env.BENCH_SQL_PROFILE) {
      const rows = [...this.shapes]
        .sort((a, b) => b[1] - a[1])
        .map(([shape, n]) => `${String(n).padStart(8)}  ${shape}`);
      writeFileSync(process.env.BENCH_SQL_PROFILE, rows.join('\n') + '\n');
    }
    const byService = Object.fromEntries(this.counts);
    return {
      total: Object.values(byService).reduce((s, n) => s + n, 0),
      byService,
      backgroundByService: Object.fromEntries(this.background),
      samples: this.samples,
    };
  }
}

/** Where the four subgraphs run: each in a process of its own (as deployed), or all in the benchmark's process. */
export type SubgraphPlacement = 'processes' | 'inline';

export interface BenchEnvironment {
  /** The four subgraphs; `stack.gatewayUrl` is the gateway's own process. */
  stack: Stack;
  gateway: ServerProcess;
  db: TestDatabase;
  nats?: PrivateNats;
  /** Counts SQL statements only when the subgraphs run inline (it hooks their data sources). */
  counter: QueryCounter;
  subgraphs: SubgraphPlacement;
  log: Logger;
  /** The processes the run started, by name (gateway, each subgraph in processes of their own, nats-server). */
  pids(): Record<string, number>;
  /**
   * Starts the subgraphs left out by `defer`, then the gateway (its supergraph is introspected from all
   * four); until then `gateway` is a placeholder with an empty URL. Does nothing when nothing was deferred.
   */
  startDeferred(opts?: { gateway?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The product as a benchmark runs it: a fresh database, a private NATS (real JetStream), the four
 * subgraphs with the demo division tree and staff seeded, and the gateway as deployed
 * (gateway/src/main.ts) in a process of its own. The subgraphs run each in a process of its own
 * (`processes`, as deployed), or from startStack in this process (`inline`), where the SQL
 * statements they issue can be counted. `gatewayEnv` configures the gateway (GATEWAY_WORKERS,
 * RESPONSE_CACHE…).
 */
export async function startBenchEnvironment(
  opts: {
    nats: boolean;
    subgraphs?: SubgraphPlacement;
    gatewayEnv?: Record<string, string>;
    /** Subgraphs (in processes of their own) not started until `startDeferred()`. */
    defer?: SubgraphKey[];
  } = { nats: true },
): Promise<BenchEnvironment> {
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  const log = createLogger('bench', process.env.BENCH_LOG_LEVEL ?? 'warn');
  const db = await createTestDatabase('zy_bench');
  const nats = opts.nats ? await startPrivateNats(log) : undefined;
  const counter = new QueryCounter();
  const placement = opts.subgraphs ?? 'processes';
  try {
    const subgraphs: Stack | SubgraphProcesses =
      placement === 'processes'
        ? await startSubgraphProcesses({ databaseUrl: db.url, natsUrl: nats?.url, defer: opts.defer })
        : await startStack({
            databaseUrl: db.url,
            natsUrl: nats?.url,
            gateway: false,
            subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
            seedDemoData: true,
            logger: log,
            onQuery: counter.onQuery,
            aroundRequest: counter.aroundRequest,
            env: {
              NODE_ENV: 'development',
              LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
            },
          });
    if (opts.defer?.length && placement !== 'processes') throw new Error('only subgraph processes can be deferred');
    const startGateway = async (): Promise<ServerProcess> => {
      try {
        return await startGatewayProcess(subgraphs, { natsUrl: nats?.url, env: opts.gatewayEnv });
      } catch (err) {
        await subgraphs.stop().catch(() => undefined);
        throw err;
      }
    };
    const deferred = !!opts.defer?.length;
    const gateway: ServerProcess = deferred ? { url: '', pid: 0, stop: async () => undefined } : await startGateway();
    const stack: Stack = { ...subgraphs, gatewayUrl: gateway.url };
    const env: BenchEnvironment = {
      stack,
      gateway,
      db,
      nats,
      counter,
      subgraphs: placement,
      log,
      pids: () => {
        const out: Record<string, number> = {};
        if (env.gateway.pid) out.gateway = env.gateway.pid;
        if ('pids' in subgraphs) Object.assign(out, (subgraphs as SubgraphProcesses).pids);
        if (nats?.pid) out['nats-server'] = nats.pid;
        return out;
      },
      startDeferred: async ({ gateway: withGateway = true } = {}) => {
        if (!deferred || env.gateway.pid) return;
        if ('startDeferred' in subgraphs) await (subgraphs as SubgraphProcesses).startDeferred();
        if (!withGateway) return;
        env.gateway = await startGateway();
        stack.gatewayUrl = env.gateway.url;
      },
      stop: async () => {
        await env.gateway.stop().catch(() => undefined);
        await stack.stop().catch(() => undefined);
        await nats?.stop();
        await db.drop().catch(() => undefined);
      },
    };
    return env;
  } catch (err) {
    await nats?.stop();
    await db.drop().catch(() => undefined);
    throw err;
  }
}

/** Messages dead-lettered so far on a NATS server, by original consumer and subject. */
export async function deadLetters(natsUrl: string | undefined): Promise<Record<string, number>> {
  if (!natsUrl) return {};
  const { connect } = await import('nats');
  const nc = await connect({ servers: natsUrl, name: 'bench-dead-letters' });
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info('DEADLETTER', { subjects_filter: '>' }).catch(() => undefined);
    return { ...((info?.state as { subjects?: Record<string, number> } | undefined)?.subjects ?? {}) };
  } finally {
    await nc.close();
  }
}
