import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import type { TasksConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { handlers } from './events';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const SERVICE_NAME = 'tasks';
export const DB_SCHEMA = 'tasks';

export function createService(config: TasksConfig, deps: ServiceDeps = {}): Service {
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
