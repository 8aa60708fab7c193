import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import type { PeopleCreditConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { handlers } from './events';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { partnerDurable, partnerSubject, startSchedules } from './schedules';
import { typeDefs } from './schema';
import { seedDemoData } from './seed';
import { webhookSettings } from './webhooks/settings';

export { partnerDurable } from './schedules';

export const SERVICE_NAME = 'people-credit';
export const DB_SCHEMA = 'people';

export function createService(config: PeopleCreditConfig, deps: ServiceDeps = {}): Service {
  const webhooks = webhookSettings(config);
  return defineService<Context>(
    {
      name: SERVICE_NAME,
      schema: DB_SCHEMA,
      typeDefs,
      resolvers: resolvers as never,
      entities,
      migrations,
      handlers,
      context: (identity, runtime) => createContext(identity, runtime, webhooks),
      onStart: async (runtime) => {
        if (config.SEED_DEMO_DATA) await seedDemoData(runtime);
        // Each partner department pulls from a durable consumer of its own, made here: its NATS user may only read it.
        for (const department of PARTNER_DEPARTMENTS)
          await runtime.bus.provisionDurable(partnerDurable(department), partnerSubject(department));
        return startSchedules(runtime, config);
      },
    },
    config,
    deps,
  );
}
