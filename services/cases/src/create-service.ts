import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import { settingsFrom, type CasesConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { createHandlers } from './events';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';
import { scheduleSweep } from './schedules/sweeps';

export const SERVICE_NAME = 'cases';
export const DB_SCHEMA = 'cases';

export interface ServiceOverrides {
  /** Names the producer and the durable consumers; tests over a shared NATS use a unique one. */
  serviceName?: string;
}

export function createService(config: CasesConfig, deps: ServiceDeps = {}, overrides: ServiceOverrides = {}): Service {
  const settings = settingsFrom(config);
  return defineService<Context>(
    {
      name: overrides.serviceName ?? SERVICE_NAME,
      schema: DB_SCHEMA,
      typeDefs,
      resolvers: resolvers as never,
      entities,
      migrations,
      handlers: createHandlers(settings),
      context: (identity, runtime, request) => createContext(identity, runtime, settings, request),
      onStart: async (runtime) =>
        scheduleSweep(runtime.messaging, settings, config.CASES_SWEEP_INTERVAL_MS, runtime.logger),
    },
    config,
    deps,
  );
}
