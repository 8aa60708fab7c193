import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitForPort } from './ports';

export interface NatsNode {
  name: string;
  url: string;
  /** The node's monitoring endpoint (/jsz, /routez). */
  monitorUrl: string;
  configFile: string;
  pid(): number | undefined;
  /** SIGKILL, as a crash: no goodbye to the cluster. */
  kill(): Promise<void>;
  /** Starts the node (again, on the same store: it catches up from the others). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface NatsCluster {
  nodes: NatsNode[];
  /** Every node's client URL, comma-separated, as NATS_URL takes it. */
  url: string;
  /** Whether the server writes `sync_interval: always` (nats-server 2.10 and later). */
  syncAlways: boolean;
  stop(): Promise<void>;
}

/** The nats-server binary's version, e.g. [2, 9, 10]. */
export function natsServerVersion(bin = 'nats-server'): [number, number, number] {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(out.stdout ?? '');
  if (!m) throw new Error(`cannot read the version of ${bin}: ${out.stderr || out.error}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * One node's configuration: JetStream on file storage under its own directory, a route to each of the
 * other nodes. `sync_interval: always` makes JetStream fsync every write before it acknowledges it, as
 * the Jepsen analysis of NATS 2.10 advises (an acknowledged message survives a power cut of a majority);
 * nats-server 2.9 has no such setting (it syncs every two minutes) and refuses the key.
 */
export function natsNodeConfig(opts: {
  name: string;
  clientPort: number;
  clusterPort: number;
  monitorPort: number;
  routes: number[];
  storeDir: string;
  syncAlways: boolean;
}): string {
  return [
    `# Node ${opts.name} of the local three-node JetStream cluster (deploy/cluster).`,
    `server_name: ${opts.name}`,
    `listen: 127.0.0.1:${opts.clientPort}`,
    `http: 127.0.0.1:${opts.monitorPort}`,
    `jetstream {`,
    `  store_dir: "${opts.storeDir}"`,
    ...(opts.syncAlways ? ['  sync_interval: always'] : []),
    `}`,
    `cluster {`,
    `  name: zhiyuan`,
    `  listen: 127.0.0.1:${opts.clusterPort}`,
    `  routes: [`,
    ...opts.routes.map((p) => `    nats-route://127.0.0.1:${p}`),
    `  ]`,
    `}`,
    '',
  ].join('\n');
}

/** Waits until JetStream on the node has a meta leader (the cluster has formed and elected one). */
async function waitForJetStream(monitorUrl: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const leader = await fetch(`${monitorUrl}/jsz`)
      .then((r) => r.json() as Promise<{ meta_cluster?: { leader?: string } }>)
      .then((j) => j.meta_cluster?.leader)
      .catch(() => undefined);
    if (leader) return;
    if (Date.now() > until) throw new Error(`no JetStream meta leader seen at ${monitorUrl}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Three nats-server processes on loopback forming one JetStream cluster, configs and stores under `dir`. */
export async function startNatsCluster(opts: {
  dir: string;
  clientPorts: number[];
  clusterPorts: number[];
  monitorPorts: number[];
  bin?: string;
}): Promise<NatsCluster> {
  const bin = opts.bin ?? 'nats-server';
  const [major, minor] = natsServerVersion(bin);
  const syncAlways = major > 2 || (major === 2 && minor >= 10);
  const nodes: NatsNode[] = opts.clientPorts.map((clientPort, i) => {
    const name = `n${i + 1}`;
    const storeDir = path.join(opts.dir, name);
    mkdirSync(storeDir, { recursive: true });
    const configFile = path.join(opts.dir, `${name}.conf`);
    writeFileSync(
      configFile,
      natsNodeConfig({
        name,
        clientPort,
        clusterPort: opts.clusterPorts[i]!,
        monitorPort: opts.monitorPorts[i]!,
        routes: opts.clusterPorts.filter((_, j) => j !== i),
        storeDir,
        syncAlways,
      }),
    );
    let child: ChildProcess | undefined;
    const launch = async () => {
      child = spawn(bin, ['-c', configFile], { stdio: 'ignore' });
      const c = child;
      await new Promise<void>((resolve, reject) => {
        c.once('error', reject);
        c.once('exit', (code) => reject(new Error(`nats-server ${name} exited ${code}`)));
        waitForPort(clientPort).then(resolve, reject);
      });
      c.removeAllListeners('exit');
    };
    const end = async (signal: NodeJS.Signals) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      await exited;
    };
    return {
      name,
      url: `nats://127.0.0.1:${clientPort}`,
      monitorUrl: `http://127.0.0.1:${opts.monitorPorts[i]}`,
      configFile,
      pid: () => child?.pid,
      kill: () => end('SIGKILL'),
      restart: launch,
      stop: () => end('SIGTERM'),
    };
  });
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
  };
  try {
    await Promise.all(nodes.map((n) => n.restart()));
    await waitForJetStream(nodes[0]!.monitorUrl);
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, url: nodes.map((n) => n.url).join(','), syncAlways, stop };
}
