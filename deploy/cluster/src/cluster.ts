import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBalancer, type Balancer } from './balancer';
import { startNatsCluster, type NatsCluster } from './nats';
import { freePort } from './ports';
import { startPostgresPair, type PostgresPair } from './postgres';
import { startNodeProcess, type NodeProcess } from './processes';

export const SUBGRAPHS = [
  { name: 'people-credit', env: 'PEOPLE_CREDIT_URL' },
  { name: 'cases', env: 'CASES_URL' },
  { name: 'tasks', env: 'TASKS_URL' },
  { name: 'metrics', env: 'METRICS_URL' },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export interface ClusterOptions {
  /** Where configs, stores, data directories and logs go; a new temporary directory when unset. */
  dir?: string;
  /** The gateways' balancer port [0: any free one]. */
  gatewayPort?: number;
  /** First of the three NATS client ports, cluster ports and monitor ports [free ones]. */
  natsClientPort?: number;
  natsClusterPort?: number;
  natsMonitorPort?: number;
  /** PostgreSQL primary and replica ports [free ones]. */
  primaryPort?: number;
  replicaPort?: number;
  /** Replicas of each subgraph and of the gateway [2]. */
  replicas?: number;
  /** Secret shared by the gateways and the subgraphs. */
  internalSecret: string;
  /** Extra environment of every subgraph and gateway. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface Cluster {
  dir: string;
  /** The gateways' balancer: the product's one URL (…/graphql). */
  gateway: Balancer;
  gateways: NodeProcess[];
  subgraphs: Record<SubgraphName, { balancer: Balancer; replicas: NodeProcess[] }>;
  nats: NatsCluster;
  postgres: PostgresPair;
  stop(): Promise<void>;
}

async function ports(first: number | undefined, n: number): Promise<number[]> {
  if (first) return Array.from({ length: n }, (_, i) => first + i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await freePort());
  return out;
}

/**
 * The product as a small production cluster on this machine: three nats-server nodes (streams at R3),
 * a PostgreSQL primary with a streaming replica (dashboard reads go to it), `replicas` processes of
 * each subgraph behind a balancer of its own, and `replicas` gateways routing to those balancers,
 * behind the balancer whose URL is the product's. Every part is a process as deployed
 * (`services/<name>/src/main.ts`, `gateway/src/main.ts`).
 */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? (() => undefined);
  const replicas = opts.replicas ?? 2;
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'zy-cluster-'));
  // PostgreSQL runs as its own user, which must pass through to its data directories (themselves 0700).
  chmodSync(dir, 0o711);
  const logDir = path.join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => log(`stop: ${String(err)}`));
    stops.length = 0;
  };
  try {
    const nats = await startNatsCluster({
      dir: path.join(dir, 'nats'),
      clientPorts: await ports(opts.natsClientPort, 3),
      clusterPorts: await ports(opts.natsClusterPort, 3),
      monitorPorts: await ports(opts.natsMonitorPort, 3),
    });
    stops.push(nats.stop);
    log(`NATS cluster ${nats.url} (sync_interval: ${nats.syncAlways ? 'always' : 'server default'})`);

    const [primaryPort] = await ports(opts.primaryPort, 1);
    const [replicaPort] = await ports(opts.replicaPort, 1);
    const postgres = await startPostgresPair({
      dir: path.join(dir, 'pg'),
      primaryPort: primaryPort!,
      replicaPort: replicaPort!,
    });
    stops.push(postgres.stop);
    log(`PostgreSQL primary ${postgres.primaryUrl}, streaming replica ${postgres.replicaUrl}`);

    const common = {
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      LOG_FORMAT: 'json',
      HOST: '127.0.0.1',
      INTERNAL_AUTH_SECRET: opts.internalSecret,
      NATS_USER: undefined,
      NATS_PASSWORD: undefined,
      ...opts.env,
    };
    const serviceEnv = {
      ...common,
      DATABASE_URL: postgres.primaryUrl,
      NATS_REPLICAS: '3',
    };
    // Metrics' dashboard reads go to the streaming replica (the other services read nothing there).
    const ownEnv = (name: SubgraphName) => (name === 'metrics' ? { DATABASE_READ_URL: postgres.replicaUrl } : {});
    const subgraphs = {} as Cluster['subgraphs'];
    for (const s of SUBGRAPHS) {
      // The first replica alone migrates its schema (and people-credit's seeds the demo county); the others start over it.
      const first = await startNodeProcess({
        name: `${s.name}-1`,
        script: `services/${s.name}/src/main.ts`,
        port: await freePort(),
        readyPath: '/ready',
        logDir,
        onRetry: (err) => log(`${s.name}-1 failed to start, again: ${String(err).slice(0, 300)}`),
        env: {
          ...serviceEnv,
          ...ownEnv(s.name),
          // Each replica connects to another node first; the cluster tells it of the rest.
          NATS_URL: rotate(nats.url, 0),
          SEED_DEMO_DATA: s.name === 'people-credit' ? 'true' : undefined,
        },
      });
      stops.push(first.stop);
      subgraphs[s.name] = { balancer: undefined as unknown as Balancer, replicas: [first] };
    }
    await Promise.all(
      SUBGRAPHS.flatMap((s) =>
        Array.from({ length: replicas - 1 }, async (_, i) => {
          const p = await startNodeProcess({
            name: `${s.name}-${i + 2}`,
            script: `services/${s.name}/src/main.ts`,
            port: await freePort(),
            readyPath: '/ready',
            logDir,
            onRetry: (err) => log(`${s.name}-${i + 2} failed to start, again: ${String(err).slice(0, 300)}`),
            env: {
              ...serviceEnv,
              ...ownEnv(s.name),
              NATS_URL: rotate(nats.url, i + 1),
              // The SMS sender and the overdue sweep run in one tasks process.
              TASK_SCHEDULERS_ENABLED: s.name === 'tasks' ? 'false' : undefined,
            },
          });
          stops.push(p.stop);
          subgraphs[s.name].replicas.push(p);
        }),
      ),
    );
    for (const s of SUBGRAPHS) {
      const g = subgraphs[s.name];
      g.balancer = await startBalancer({ upstreams: g.replicas.map((r) => r.url), healthPath: '/ready' });
      stops.push(g.balancer.stop);
      log(`${s.name}: ${g.replicas.map((r) => r.url).join(', ')} behind ${g.balancer.url}`);
    }

    const gatewayEnv = {
      ...common,
      SUPERGRAPH_MODE: 'introspect',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.env, `${subgraphs[s.name].balancer.url}/graphql`])),
      RATE_LIMIT_PER_MINUTE: '0',
      ...opts.env,
    };
    const gateways = await Promise.all(
      Array.from({ length: replicas }, async (_, i) => {
        const g = await startNodeProcess({
          name: `gateway-${i + 1}`,
          script: 'gateway/src/main.ts',
          port: await freePort(),
          readyPath: '/health',
          logDir,
          onRetry: (err) => log(`gateway-${i + 1} failed to start, again: ${String(err).slice(0, 300)}`),
          env: { ...gatewayEnv, NATS_URL: rotate(nats.url, i) },
        });
        stops.push(g.stop);
        return g;
      }),
    );
    const gateway = await startBalancer({
      upstreams: gateways.map((g) => g.url),
      healthPath: '/health',
      port: opts.gatewayPort,
    });
    stops.push(gateway.stop);
    log(`gateways ${gateways.map((g) => g.url).join(', ')} behind ${gateway.url}`);
    return {
      dir,
      gateway,
      gateways,
      subgraphs,
      nats,
      postgres,
      stop: async () => {
        await stop();
        if (!opts.dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stop();
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The comma-separated URLs starting at the `n`th, so processes spread their first connection over the nodes. */
function rotate(urls: string, n: number): string {
  const list = urls.split(',');
  const k = n % list.length;
  return [...list.slice(k), ...list.slice(0, k)].join(',');
}
