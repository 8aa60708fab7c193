import type { Identity } from '@zhiyuan/auth';
import type { ServiceRuntime } from '@zhiyuan/server';
import { createLoaders, type Loaders } from './queries/loaders';

/** What the commands read of the configuration. */
export interface TasksSettings {
  /** Working days (court calendar) an obligor's proposal waits for its next answer before it lapses. */
  proposalExpiryWorkingDays: number;
}

export const DEFAULT_SETTINGS: TasksSettings = { proposalExpiryWorkingDays: 10 };

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  settings: TasksSettings;
}

export function createContext(
  identity: Identity,
  runtime: ServiceRuntime,
  settings: TasksSettings = DEFAULT_SETTINGS,
): Context {
  return { identity, loaders: createLoaders(runtime.ds, identity.sub), runtime, settings };
}
