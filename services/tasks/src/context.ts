import DataLoader from 'dataloader';
import type { Identity } from '@zhiyuan/auth';
import { recordAudit, type ServiceRuntime } from '@zhiyuan/server';
import { DEVELOPMENT_INTERNAL_AUTH_SECRET } from '@zhiyuan/config';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentSettings } from './domain/attachments';
import { createLoaders, type Loaders } from './queries/loaders';

/** What the commands read of the configuration. */
export interface TasksSettings {
  /** Working days (court calendar) an obligor's proposal waits for its next answer before it lapses. */
  proposalExpiryWorkingDays: number;
  /** Attachment limits and the secret their upload and download tickets are signed with (docs/attachments.md). */
  attachments: AttachmentSettings;
}

export const DEFAULT_SETTINGS: TasksSettings = {
  proposalExpiryWorkingDays: 10,
  attachments: {
    ...DEFAULT_ATTACHMENT_LIMITS,
    secret: DEVELOPMENT_INTERNAL_AUTH_SECRET,
  },
};

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  settings: TasksSettings;
  /**
   * Records a read of a party's personal data (`<operation> <partyId>`) in the audit log: once per
   * operation and party in a request, all of a request's in one transaction (queries/personal-data.ts).
   */
  auditPersonalRead: DataLoader<string, true>;
}

export function createContext(
  identity: Identity,
  runtime: ServiceRuntime,
  settings: TasksSettings = DEFAULT_SETTINGS,
): Context {
  return {
    identity,
    loaders: createLoaders(runtime.ds, identity.sub),
    runtime,
    settings,
    auditPersonalRead: new DataLoader<string, true>(async (keys) => {
      await recordAudit(
        runtime.messaging,
        identity,
        'UNMASKED_READ',
        keys.map((k) => {
          const [operation, partyId] = k.split(' ');
          return { operation: operation!, targetKind: 'PARTY', targetId: partyId! };
        }),
      );
      return keys.map(() => true as const);
    }),
  };
}
