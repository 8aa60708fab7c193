import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Stack } from '../../src';
import type { TestDatabase } from '@zhiyuan/testing';

/** Hands the shared stack's addresses from the global setup to the test workers (JSON of `SharedStackInfo`). */
export const SHARED_STACK_ENV = 'E2E_SHARED_STACK';
/** `TEST_SHARED_STACK=off` gives every file its own stack again (to time or debug one file in isolation). */
export const SHARED_STACK_SWITCH = 'TEST_SHARED_STACK';

/** What a test worker needs of the shared stack: where it answers and the database it writes. */
export interface SharedStackInfo {
  gatewayUrl: string;
  databaseUrl: string;
  services: Record<'cases' | 'peopleCredit' | 'tasks' | 'metrics', string>;
}

/** The shared stack's addresses in a test worker, or undefined when this run has none. */
export function sharedStackInfo(): SharedStackInfo | undefined {
  const raw = process.env[SHARED_STACK_ENV];
  return raw ? (JSON.parse(raw) as SharedStackInfo) : undefined;
}

/** The e2e files that declare `shared: true` in their `useE2eStack` options. */
export function filesSharingTheStack(testDir: string): string[] {
  return readdirSync(testDir)
    .filter((f) => f.endsWith('.e2e.test.ts'))
    .map((f) => path.join(testDir, f))
    .filter((f) => /useE2eStack\(\{[^}]*\bshared: true\b/.test(readFileSync(f, 'utf8')));
}

const RUNNING = Symbol.for('zhiyuan.e2e-shared-stack');

/**
 * Starts the one stack of the run that the files declaring `shared: true` use together (default
 * settings: the demo county seeded, the in-process bus, the test environment), when the run includes
 * at least one of them; its addresses reach the workers through `E2E_SHARED_STACK`.
 */
export async function startSharedStack(
  matches: (file: string) => boolean,
  testDir: string,
): Promise<SharedStackInfo | undefined> {
  if (process.env[SHARED_STACK_SWITCH] === 'off' || !process.env.DATABASE_URL) return undefined;
  if (!filesSharingTheStack(testDir).some(matches)) return undefined;
  // Loaded here, not at the top: a run without sharing files never loads the four services.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startE2eStack } = require('./e2e') as typeof import('./e2e');
  const running: { stack: Stack; db: TestDatabase } = await startE2eStack({ name: 'shared' });
  (globalThis as Record<symbol, unknown>)[RUNNING] = running;
  const { services } = running.stack;
  const info: SharedStackInfo = {
    gatewayUrl: running.stack.gatewayUrl,
    databaseUrl: running.db.url,
    services: {
      cases: services.cases.url,
      peopleCredit: services.peopleCredit.url,
      tasks: services.tasks.url,
      metrics: services.metrics.url,
    },
  };
  process.env[SHARED_STACK_ENV] = JSON.stringify(info);
  return info;
}

/** Stops the shared stack and drops its database (the global teardown). */
export async function stopSharedStack(): Promise<void> {
  const running = (globalThis as Record<symbol, unknown>)[RUNNING] as { stack: Stack; db: TestDatabase } | undefined;
  delete (globalThis as Record<symbol, unknown>)[RUNNING];
  delete process.env[SHARED_STACK_ENV];
  await running?.stack.stop();
  await running?.db.drop();
}
