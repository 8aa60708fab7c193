import type { Identity } from '@zhiyuan/auth';
import type { ServiceRuntime } from '@zhiyuan/server';
import type { CaseSettings } from './config';
import { createLoaders, type Loaders } from './queries/loaders';

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  settings: CaseSettings;
}

export function createContext(identity: Identity, runtime: ServiceRuntime, settings: CaseSettings): Context {
  return { identity, loaders: createLoaders(runtime.ds, identity), runtime, settings };
}
