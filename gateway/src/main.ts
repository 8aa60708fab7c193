// First: tracing (when configured) must patch http, pg and graphql before they load.
import '@zhiyuan/telemetry/register';
import cluster from 'node:cluster';
import { createLogger, exitOnConfigError } from '@zhiyuan/config';
import { loadGatewayConfig } from './config';
import { createGateway } from './create-gateway';

/** Runs the gateway alone (deployment): in this process, or as GATEWAY_WORKERS cluster workers sharing the port. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  if (config.GATEWAY_WORKERS > 1 && cluster.isPrimary)
    return supervise(config.GATEWAY_WORKERS, createLogger('gateway', config.LOG_LEVEL));
  const gateway = createGateway(config);
  await gateway.start();
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Forks the workers, replaces one that dies, and stops them all on SIGINT/SIGTERM. */
function supervise(workers: number, log: ReturnType<typeof createLogger>): void {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.warn({ pid: worker.process.pid, code, signal }, 'gateway worker exited; starting another');
    setTimeout(fork, 500).unref();
  });
  const shutdown = () => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const w of alive) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  log.info({ workers }, 'gateway cluster started');
}

main().catch(exitOnConfigError);
