import type { Identity } from '@zhiyuan/auth';
import type { Locale } from '@zhiyuan/kernel';
import type { RequestInfo, ServiceRuntime } from '@zhiyuan/server';
import type { CaseSettings } from './config';
import { createLoaders, type Loaders } from './queries/loaders';

export interface Context {
  identity: Identity;
  loaders: Loaders;
  runtime: ServiceRuntime;
  settings: CaseSettings;
  /** The request's language (Accept-Language, zh-CN by default): timeline summaries are written in it. */
  locale: Locale;
}

export function createContext(
  identity: Identity,
  runtime: ServiceRuntime,
  settings: CaseSettings,
  request: RequestInfo = { locale: 'zh-CN' },
): Context {
  return { identity, loaders: createLoaders(runtime.ds, identity), runtime, settings, locale: request.locale };
}
