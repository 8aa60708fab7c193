import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import type { MetricsConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { createHandlers } from './events';
import { migrations } from './migrations';
import { settingsFrom } from './projection/settings';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';
import { registerCounty, startWarningSchedule } from './schedules/warning-sweep';

export const SERVICE_NAME = 'metrics';
export const DB_SCHEMA = 'metrics';

export function createService(config: MetricsConfig, deps: ServiceDeps = {}): Service {
  const settings = settingsFrom(config);
  return defineService<Context>(
    {
      name: SERVICE_NAME,
      schema: DB_SCHEMA,
      typeDefs,
      resolvers: resolvers as never,
      entities,
      migrations,
      handlers: createHandlers(settings),
      context: (identity, runtime) => createContext(identity, runtime, settings),
      onStart: async (runtime) => {
        await registerCounty(runtime, settings);
        return startWarningSchedule(runtime, settings, config.METRICS_WARNING_INTERVAL_MS);
      },
    },
    config,
    deps,
  );
}
