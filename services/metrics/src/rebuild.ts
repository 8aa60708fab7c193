import { createLogger, exitOnConfigError } from '@zhiyuan/config';
import { createDataSource, initializeDataSource } from '@zhiyuan/db';
import { loadMetricsConfig } from './config';
import { DB_SCHEMA } from './create-service';
import { entities } from './entities';
import { migrations } from './migrations';
import { settingsFrom } from './projection/settings';
import { rebuildReadModels, replayJetStream } from './projection/rebuild';

/**
 * `npm run rebuild -w @zhiyuan/metrics`: replays the JetStream history of CASES, PEOPLE_CREDIT and
 * TASKS into fresh read models. Needs NATS_URL (the in-process bus keeps no history across processes).
 */
async function main(): Promise<void> {
  const config = loadMetricsConfig();
  const log = createLogger('metrics-rebuild', config.LOG_LEVEL);
  if (!config.NATS_URL) {
    process.stderr.write('NATS_URL is required: the rebuild replays the JetStream history\n');
    process.exit(78);
  }
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema: DB_SCHEMA,
    entities,
    migrations,
    poolSize: 2,
    applicationName: 'zhiyuan-metrics-rebuild',
  });
  await initializeDataSource(ds, DB_SCHEMA);
  try {
    let invalid = 0;
    const result = await rebuildReadModels(
      ds,
      replayJetStream(config.NATS_URL, { log, onInvalid: () => invalid++ }),
      settingsFrom(config),
      log,
    );
    log.info({ ...result, invalid }, 'metrics read models rebuilt');
  } finally {
    await ds.destroy();
  }
}

main().catch(exitOnConfigError);
