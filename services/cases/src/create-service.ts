import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import { settingsFrom, type CasesConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { createHandlers } from './events';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';
import { scheduleSweep } from './schedules/sweeps';
import { scheduleAbandonedAttachmentSweep } from './schedules/abandoned-attachments';
import { storageFromConfig, type ObjectStorage } from '@zhiyuan/storage';

export const SERVICE_NAME = 'cases';
export const DB_SCHEMA = 'cases';

export interface ServiceOverrides {
  /** Names the producer and the durable consumers; tests over a shared NATS use a unique one. */
  serviceName?: string;
}

export interface CasesDeps extends ServiceDeps {
  /** Replaces the attachment storage chosen by ATTACHMENT_STORAGE (the abandoned-upload sweep deletes from it). */
  attachmentStorage?: ObjectStorage;
}

export function createService(config: CasesConfig, deps: CasesDeps = {}, overrides: ServiceOverrides = {}): Service {
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
      onStart: async (runtime) => {
        const stops = [
          scheduleSweep(runtime.messaging, settings, config.CASES_SWEEP_INTERVAL_MS, runtime.logger),
          scheduleAbandonedAttachmentSweep(
            runtime.messaging,
            deps.attachmentStorage ?? storageFromConfig(config),
            {
              intervalMs: config.ATTACHMENT_SWEEP_INTERVAL_MS,
              olderThanMs: (config.ATTACHMENT_UPLOAD_TTL_SECONDS + config.ATTACHMENT_ABANDON_GRACE_SECONDS) * 1000,
            },
            runtime.logger,
          ),
        ];
        return async () => {
          for (const stop of stops) await stop();
        };
      },
    },
    config,
    deps,
  );
}
