import DataLoader from 'dataloader';
import type { Identity } from '@zhiyuan/auth';
import type { Locale } from '@zhiyuan/kernel';
import { recordAudit, type RequestInfo, type ServiceRuntime } from '@zhiyuan/server';
import { createLoaders, type Loaders } from './queries/loaders';
import type { SignIn } from './sign-in';
import type { WebhookSettings } from './webhooks/settings';

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  /** Records, once per party and request, that the caller read the party's unmasked personal data (PIPL access log). */
  auditUnmaskedRead: DataLoader<string, true>;
  /** Party sign-in: token keys, SMS provider, limits (one per service, not per request). */
  signIn: SignIn;
  /** Partner webhooks: secret key, overlap, address policy (webhooks/settings.ts). */
  webhooks: WebhookSettings;
  /** The request's language (Accept-Language, zh-CN by default): reason texts are written in it. */
  locale: Locale;
}

export function createContext(
  identity: Identity,
  runtime: ServiceRuntime,
  services: { signIn: SignIn; webhooks: WebhookSettings },
  request: RequestInfo = { locale: 'zh-CN' },
): Context {
  return {
    identity,
    signIn: services.signIn,
    webhooks: services.webhooks,
    locale: request.locale,
    loaders: createLoaders(runtime.ds),
    runtime,
    auditUnmaskedRead: new DataLoader<string, true>(async (partyIds) => {
      await recordAudit(
        runtime.messaging,
        identity,
        'UNMASKED_READ',
        partyIds.map((id) => ({ operation: 'Party.personalData', targetKind: 'PARTY', targetId: id })),
      );
      return partyIds.map(() => true as const);
    }),
  };
}
