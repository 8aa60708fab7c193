// First: tracing (when configured) must patch http, pg and graphql before they load.
import '@zhiyuan/telemetry/register';
import { exitOnConfigError } from '@zhiyuan/config';
import { loadPeopleCreditConfig } from './config';
import { createService } from './create-service';

/** Runs this subgraph alone (deployment). Only this file reads the environment and listens. */
async function main(): Promise<void> {
  const service = createService(loadPeopleCreditConfig());
  await service.start();
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(exitOnConfigError);
