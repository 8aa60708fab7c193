import type { Identity } from '@zhiyuan/auth';
import type { ServiceRuntime } from '@zhiyuan/server';
import { createLoaders, type Loaders } from './queries/loaders';
import type { ProjectionSettings } from './projection/settings';

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  settings: ProjectionSettings;
}

export function createContext(identity: Identity, runtime: ServiceRuntime, settings: ProjectionSettings): Context {
  return { identity, loaders: createLoaders(runtime.ds, runtime.readDs), runtime, settings };
}
