import { defineService, type Service, type ServiceDeps, type ServiceRuntime } from '@zhiyuan/server';
import { smsProviderFor as providerFor, type SmsProvider } from '@zhiyuan/sms';
import { storageFromConfig, type ObjectStorage } from '@zhiyuan/storage';
import type { TasksConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { createHandlers } from './events';
import { migrations } from './migrations';
import { observeSmsQueue } from './notifications/queue-depth';
import { resolvers } from './resolvers';
import { startSchedulers } from './schedules/schedulers';
import { typeDefs } from './schema';

export const SERVICE_NAME = 'tasks';
export const DB_SCHEMA = 'tasks';

export interface TasksDeps extends ServiceDeps {
  /** Replaces the provider chosen by SMS_PROVIDER (tests use a failing or counting one). */
  smsProvider?: SmsProvider;
  /** The schedulers' clock. */
  clock?: () => Date;
  /** Replaces the attachment storage chosen by ATTACHMENT_STORAGE (the abandoned-upload sweep deletes from it). */
  attachmentStorage?: ObjectStorage;
}

export function createService(config: TasksConfig, deps: TasksDeps = {}): Service {
  return defineService<Context>(
    {
      name: SERVICE_NAME,
      schema: DB_SCHEMA,
      typeDefs,
      resolvers: resolvers as never,
      entities,
      migrations,
      handlers: createHandlers(config.NOTICES_OFF, config.TASK_SLA_DAYS),
      probes: [observeSmsQueue],
      context: (identity, runtime) =>
        createContext(identity, runtime, {
          proposalExpiryWorkingDays: config.PROPOSAL_EXPIRY_WORKING_DAYS,
          attachments: {
            maxBytes: config.ATTACHMENT_MAX_BYTES,
            types: config.ATTACHMENT_TYPES,
            uploadTtlSeconds: config.ATTACHMENT_UPLOAD_TTL_SECONDS,
            downloadTtlSeconds: config.ATTACHMENT_DOWNLOAD_TTL_SECONDS,
            secret: config.INTERNAL_AUTH_SECRET,
          },
        }),
      onStart: async (runtime) => {
        if (!config.TASK_SCHEDULERS_ENABLED) return;
        return startSchedulers(
          runtime,
          config,
          deps.smsProvider ?? smsProviderFor(config, runtime),
          deps.clock ?? (() => new Date()),
          deps.attachmentStorage ?? storageFromConfig(config),
        );
      },
    },
    config,
    deps,
  );
}

export function smsProviderFor(config: TasksConfig, runtime: ServiceRuntime): SmsProvider {
  return providerFor(config, runtime.logger);
}
