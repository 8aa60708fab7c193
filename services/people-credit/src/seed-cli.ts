import 'reflect-metadata';
import { userInfo } from 'node:os';
import { createLogger, exitOnConfigError } from '@zhiyuan/config';
import { Messaging, createDataSource, initializeDataSource } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import { loadPeopleCreditConfig } from './config';
import { DB_SCHEMA, SERVICE_NAME } from './create-service';
import { entities } from './entities';
import { migrations } from './migrations';
import { seedDemoData } from './seed';

/** Who runs the command, for its audit entry (a container user without a passwd entry has no name). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * `npm run seed -w @zhiyuan/people-credit`: applies migrations and loads the demo county (nothing
 * when divisions exist). The staff events stay in the outbox: the service's relay publishes them
 * when it next runs, so the other services still build their projections. The audit entry names the
 * operating-system user who ran it.
 */
async function main(): Promise<void> {
  const config = loadPeopleCreditConfig();
  const logger = createLogger(`${SERVICE_NAME}-seed`, config.LOG_LEVEL);
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema: DB_SCHEMA,
    entities,
    migrations,
    poolSize: 2,
    applicationName: 'zhiyuan-people-credit-seed',
  });
  await initializeDataSource(ds, DB_SCHEMA);
  const bus = new InProcessEventBus(logger);
  try {
    await seedDemoData(
      { ds, readDs: ds, messaging: new Messaging(ds, DB_SCHEMA, SERVICE_NAME, bus, logger), bus, logger },
      { actor: `seed:${osUser()}` },
    );
  } finally {
    await ds.destroy();
  }
}

main().catch(exitOnConfigError);
