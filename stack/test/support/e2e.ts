import { DEMO_ROLES, DEV_JWT_SECRET, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { createTestDatabase, natsUrl, silentLogger, uniqueService, type TestDatabase } from '@zhiyuan/testing';
import type { Stack, StackOptions } from '../../src';
import { sharedStackInfo } from './shared-stack';

/** The development signing key the demo stack's gateway accepts (docs/access.md). */
export const DEV_JWT = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

/** Request headers that carry a token. */
export type AuthHeaders = Record<string, string>;

export interface E2eStackOptions {
  /** Names the test database (`zy_<name>_…`) and, with `nats`, the durable consumer group. */
  name: string;
  /** Seed the demo county (divisions, staff, causes of action); default true. */
  seed?: boolean;
  /** Over NATS JetStream: `true` for the run's server (NATS_URL, when there is one), or a server's URL; default the in-process bus. */
  nats?: boolean | string;
  /** A durable consumer group of this file's own, starting at new messages (the default over NATS). */
  ownConsumers?: boolean;
  /**
   * Added to the test defaults (`RATE_LIMIT_PER_MINUTE=0`, `TASK_SCHEDULERS_ENABLED=false`), which it
   * may override (a value `undefined` removes one); a function is read when the stack starts.
   */
  env?: Record<string, string | undefined> | (() => Record<string, string | undefined>);
  /** The URL the services reach the test database by (a proxy in front of it), from the database's own. */
  databaseUrl?: (url: string) => string | Promise<string>;
  /**
   * Use the run's one shared stack (support/shared-stack.ts) instead of starting one: for a file whose
   * tests keep to data of their own (their own parties and case numbers, no counts of everything) on the
   * default settings, so no other option may be given. `stack` is not there (the stack runs in Jest's
   * main process); `db` is the shared database, which is not dropped after the file. Without a shared
   * stack in the run (`TEST_SHARED_STACK=off`, or the file run by itself in some other way) the file
   * starts its own as before.
   */
  shared?: boolean;
}

/**
 * One file's demo stack, filled in by the `beforeAll` that `useE2eStack` registers: the four subgraphs
 * and the gateway on free ports over a fresh copy of the migrated template database.
 */
export interface E2eStack {
  readonly stack: Stack;
  readonly db: TestDatabase;
  readonly gatewayUrl: string;
  /** Bearer headers of every demo role (`DEMO_ROLES`: admin, judge, officer, cadre, …), by role name. */
  readonly auth: Record<string, AuthHeaders>;
  /** A development token for other claims. */
  token(claims: TokenClaims, opts?: { ttl?: string }): Promise<string>;
  /** Bearer headers for other claims. */
  headersFor(claims: TokenClaims): Promise<AuthHeaders>;
  /**
   * Runs `fn` after the file's tests, before the stack stops and its database is dropped (the file's
   * own `afterAll` hooks run after that): closes what holds a connection to the stack or the database.
   */
  beforeStop(fn: () => unknown): void;
}

export const TEST_STACK_ENV = { RATE_LIMIT_PER_MINUTE: '0', TASK_SCHEDULERS_ENABLED: 'false' };

/** Bearer headers for claims, signed with the development key. */
export async function bearer(claims: TokenClaims, opts: { ttl?: string } = {}): Promise<AuthHeaders> {
  return { authorization: `Bearer ${await issueToken(claims, { ...DEV_JWT, ...opts })}` };
}

/**
 * Starts the demo stack for one e2e file (call it in a `describe`, before the hooks that use it) and
 * stops it, dropping the database, after the file. The returned handle's `stack`, `db` and
 * `gatewayUrl` are there from the file's first hook on; `auth` is the same object throughout.
 */
export function useE2eStack(opts: E2eStackOptions): E2eStack {
  const { name, shared, ...others } = opts;
  const given = Object.entries(others).filter(([, v]) => v !== undefined);
  if (shared && given.length)
    throw new Error(`the e2e file ${name} asks for the shared stack and for ${given.map(([k]) => k).join(', ')}`);
  let running: { stack?: Stack; db: TestDatabase; gatewayUrl: string } | undefined;
  const auth: Record<string, AuthHeaders> = {};
  const cleanups: (() => unknown)[] = [];
  const started = () => {
    if (!running) throw new Error(`the e2e stack of ${opts.name} has not started (use it inside hooks and tests)`);
    return running;
  };
  beforeAll(async () => {
    const info = shared ? sharedStackInfo() : undefined;
    if (info) {
      const db = { url: info.databaseUrl, name: new URL(info.databaseUrl).pathname.slice(1), drop: async () => {} };
      running = { db, gatewayUrl: info.gatewayUrl };
    } else {
      const own = await startE2eStack(opts);
      running = { ...own, gatewayUrl: own.stack.gatewayUrl };
    }
    for (const [role, claims] of Object.entries(DEMO_ROLES)) auth[role] = await bearer(claims as TokenClaims);
  });
  afterAll(async () => {
    for (const fn of cleanups) await fn();
    await running?.stack?.stop();
    await running?.db.drop();
  });
  return {
    get stack() {
      const { stack } = started();
      if (!stack) throw new Error(`${name} runs on the shared stack, which has no in-process handle here`);
      return stack;
    },
    get db() {
      return started().db;
    },
    get gatewayUrl() {
      return started().gatewayUrl;
    },
    auth,
    token: (claims, tokenOpts = {}) => issueToken(claims, { ...DEV_JWT, ...tokenOpts }),
    headersFor: (claims) => bearer(claims),
    beforeStop: (fn) => void cleanups.push(fn),
  };
}

/** The stack of `useE2eStack` without the hooks (a file that starts and stops it itself). */
export async function startE2eStack(opts: E2eStackOptions): Promise<{ stack: Stack; db: TestDatabase }> {
  const db = await createTestDatabase(`zy_${opts.name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`);
  try {
    const extra = typeof opts.env === 'function' ? opts.env() : (opts.env ?? {});
    const env = Object.fromEntries(
      Object.entries({ ...TEST_STACK_ENV, ...extra }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const stackOpts: StackOptions = {
      databaseUrl: opts.databaseUrl ? await opts.databaseUrl(db.url) : db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: opts.seed ?? true,
      logger: silentLogger,
      env,
      natsUrl: opts.nats === true ? natsUrl() : opts.nats || undefined,
      consumers:
        (opts.ownConsumers ?? !!opts.nats) ? { groupPrefix: uniqueService(opts.name), startAt: 'new' } : undefined,
    };
    // Loaded when a stack starts: a file on the shared stack never loads the four services.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startStack } = require('../../src') as typeof import('../../src');
    return { stack: await startStack(stackOpts), db };
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
}
