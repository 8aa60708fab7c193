import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import type { MetricsConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { handlers } from './events';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const SERVICE_NAME = 'metrics';
export const DB_SCHEMA = 'metrics';

export function createService(config: MetricsConfig, deps: ServiceDeps = {}): Service {
  return defineService<Context>(
    {
      name: SERVICE_NAME,
      schema: DB_SCHEMA,
      typeDefs,
      resolvers: resolvers as never,
      entities,
      migrations,
      handlers,
      context: createContext,
    },
    config,
    deps,
  );
}
