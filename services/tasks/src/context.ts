import type { Identity } from '@zhiyuan/auth';
import type { ServiceRuntime } from '@zhiyuan/server';
import { createLoaders, type Loaders } from './queries/loaders';

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
}

export function createContext(identity: Identity, runtime: ServiceRuntime): Context {
  return { identity, loaders: createLoaders(runtime.ds, identity.sub), runtime };
}
