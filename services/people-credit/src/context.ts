import DataLoader from 'dataloader';
import type { Identity } from '@zhiyuan/auth';
import { recordAudit, type ServiceRuntime } from '@zhiyuan/server';
import { createLoaders, type Loaders } from './queries/loaders';
import type { WebhookSettings } from './webhooks/settings';

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  /** Records, once per party and request, that the caller read the party's unmasked personal data (PIPL access log). */
  auditUnmaskedRead: DataLoader<string, true>;
  /** Partner webhooks: secret key, overlap, address policy (webhooks/settings.ts). */
  webhooks: WebhookSettings;
}

export function createContext(identity: Identity, runtime: ServiceRuntime, webhooks: WebhookSettings): Context {
  return {
    webhooks,
    identity,
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
