import { DEMO_ROLES, DEV_JWT_SECRET, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { createTestDatabase, natsUrl, silentLogger, uniqueService, type TestDatabase } from '@zhiyuan/testing';
import { startStack, type Stack, type StackOptions } from '../../src';

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
  let running: { stack: Stack; db: TestDatabase } | undefined;
  const auth: Record<string, AuthHeaders> = {};
  const cleanups: (() => unknown)[] = [];
  const started = () => {
    if (!running) throw new Error(`the e2e stack of ${opts.name} has not started (use it inside hooks and tests)`);
    return running;
  };
  beforeAll(async () => {
    running = await startE2eStack(opts);
    for (const [role, claims] of Object.entries(DEMO_ROLES)) auth[role] = await bearer(claims as TokenClaims);
  });
  afterAll(async () => {
    for (const fn of cleanups) await fn();
    await running?.stack.stop();
    await running?.db.drop();
  });
  return {
    get stack() {
      return started().stack;
    },
    get db() {
      return started().db;
    },
    get gatewayUrl() {
      return started().stack.gatewayUrl;
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
    return { stack: await startStack(stackOpts), db };
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
}
