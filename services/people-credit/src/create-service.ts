import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { createLogger } from '@zhiyuan/config';
import { defineService, type Service, type ServiceDeps } from '@zhiyuan/server';
import { smsProviderFor, type SmsProvider } from '@zhiyuan/sms';
import type { PeopleCreditConfig } from './config';
import { createContext, type Context } from './context';
import { entities } from './entities';
import { handlers } from './events';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { partnerDurable, partnerSubject, startSchedules } from './schedules';
import { typeDefs } from './schema';
import { seedDemoData } from './seed';
import { SignIn } from './sign-in';
import { webhookSettings } from './webhooks/settings';

export { partnerDurable } from './schedules';

export const SERVICE_NAME = 'people-credit';
export const DB_SCHEMA = 'people';

export interface PeopleCreditDeps extends ServiceDeps {
  /** Replaces the provider chosen by SMS_PROVIDER (tests capture the codes). */
  smsProvider?: SmsProvider;
  /** The sign-in clock (tests move it past a code's expiry). */
  clock?: () => Date;
}

export function createService(config: PeopleCreditConfig, deps: PeopleCreditDeps = {}): Service {
  const logger = deps.logger ?? createLogger(SERVICE_NAME, config.LOG_LEVEL);
  const signIn = new SignIn(
    {
      privateKeyPem: config.PARTY_TOKEN_PRIVATE_KEY,
      issuer: config.PARTY_TOKEN_ISSUER,
      audience: config.PARTY_TOKEN_AUDIENCE,
      accessTtlSeconds: config.PARTY_ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: config.PARTY_REFRESH_TOKEN_TTL_DAYS,
      codesPerPhonePerHour: config.SIGN_IN_CODES_PER_PHONE_PER_HOUR,
      resendSeconds: config.SIGN_IN_RESEND_SECONDS,
      requestsPerIpPerHour: config.SIGN_IN_REQUESTS_PER_IP_PER_HOUR,
    },
    deps.smsProvider ?? smsProviderFor(config, logger),
    deps.clock ?? (() => new Date()),
  );
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
      context: (identity, runtime, request) => createContext(identity, runtime, { signIn, webhooks }, request),
      publicRoutes: { '/.well-known/jwks.json': async () => signIn.keys.jwks() },
      onStart: async (runtime) => {
        await signIn.start();
        if (config.SEED_DEMO_DATA) await seedDemoData(runtime);
        // Each partner department pulls from a durable consumer of its own, made here: its NATS user may only read it.
        for (const department of PARTNER_DEPARTMENTS)
          await runtime.bus.provisionDurable(partnerDurable(department), partnerSubject(department));
        const stopSchedules = startSchedules(runtime, config, signIn.clock);
        return async () => {
          await stopSchedules();
          await signIn.drain();
        };
      },
    },
    config,
    { ...deps, logger },
  );
}
