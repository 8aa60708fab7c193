import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DEV_JWT_SECRET } from '@zhiyuan/gateway';
import { createLogger } from '@zhiyuan/config';
import { loadDemoCases } from '@zhiyuan/stack';
import { startCluster } from './cluster';

/**
 * `npm run cluster`: the product as a local cluster (docs/deploy.md) on fixed loopback ports, the demo
 * county loaded, until Ctrl-C. CLUSTER_DIR keeps its data there (a temporary directory otherwise,
 * removed on stop).
 */
async function main(): Promise<void> {
  const log = createLogger('cluster', 'info');
  const started = Date.now();
  const cluster = await startCluster({
    dir: process.env.CLUSTER_DIR || undefined,
    gatewayPort: Number(process.env.CLUSTER_GATEWAY_PORT ?? 14000),
    natsClientPort: 14222,
    natsClusterPort: 16222,
    natsMonitorPort: 18222,
    primaryPort: 15432,
    replicaPort: 15433,
    internalSecret: randomBytes(24).toString('base64url'),
    log: (line) => log.info(line),
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping the cluster');
    void cluster.stop().then(
      () => process.exit(0),
      (err) => (log.error({ err: String(err) }, 'stop failed'), process.exit(1)),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const graphql = `${cluster.gateway.url}/graphql`;
  await loadDemoCases(graphql, { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' }, log).catch(
    (err) => log.warn({ err: String(err) }, 'demo cases not loaded'),
  );
  log.info({ seconds: Math.round((Date.now() - started) / 1000), logs: `${cluster.dir}/logs` }, 'cluster ready');
  process.stdout.write(`\nZhiyuan cluster: ${graphql}  (Ctrl-C stops it)\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
