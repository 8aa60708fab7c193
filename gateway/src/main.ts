import { exitOnConfigError } from '@zhiyuan/config';
import { loadGatewayConfig } from './config';
import { createGateway } from './create-gateway';

/** Runs the gateway alone (deployment). */
async function main(): Promise<void> {
  const gateway = createGateway(loadGatewayConfig());
  await gateway.start();
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(exitOnConfigError);
