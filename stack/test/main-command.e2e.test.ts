import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEMO_ROLES, DEV_JWT_SECRET, issueToken } from '@zhiyuan/gateway';
import { createTestDatabase, gqlRequest, type TestDatabase } from '@zhiyuan/testing';

const root = path.resolve(__dirname, '../..');
// What the root package.json's start script runs: `node --import tsx stack/src/main.ts`, from the root.
const MAIN = 'stack/src/main.ts';

/**
 * `npm start` as a user runs it: a PostgreSQL given by DATABASE_URL (the embedded one is too slow to
 * start here), no NATS_URL. The subgraphs listen on their fixed ports 4001-4004; the gateway on a
 * free one.
 */
describe('the main command (npm start)', () => {
  let db: TestDatabase;
  let child: ChildProcess | undefined;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: '0',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    };
    for (const k of [
      'NATS_URL',
      'NATS_USER',
      'NATS_PASSWORD',
      'HOST',
      'INTERNAL_AUTH_SECRET',
      'JWT_SECRET',
      'JWT_PUBLIC_KEY',
      'JWT_JWKS_URL',
    ])
      delete env[k];
    // A process group of its own, so SIGINT reaches it as Ctrl-C in a terminal does: every process of the command at once.
    // As `npm start` runs it: node with tsx as a loader (no relaying parent process that could kill it mid-shutdown).
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));
  });
  afterAll(async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    }
    await db?.drop();
  });

  /** Resolves with the first match of `re` in the output, or fails after `ms` (or when the command exits). */
  async function waitForOutput(re: RegExp, ms: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = output.match(re);
      if (m) return m;
      if (child!.exitCode !== null)
        throw new Error(`the command exited (${child!.exitCode}) before printing ${re}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`no ${re} within ${ms} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('prints the gateway URL, says it uses the in-process bus, answers GraphQL within 60 s, and exits 0 on SIGINT', async () => {
    const started = Date.now();
    const [, gatewayUrl] = await waitForOutput(/GraphQL gateway: (http:\/\/\S+\/graphql)/, 60_000);
    expect(output).toMatch(/using the in-process event bus \(no NATS_URL\)/);

    const anonymous = await gqlRequest<{ __typename: string }>(gatewayUrl!, '{ __typename }');
    expect(anonymous.status).toBe(200);
    expect(anonymous.data).toEqual({ __typename: 'Query' });
    // Through a subgraph too, as the demo administrator (the development signing key is in use).
    const token = await issueToken(DEMO_ROLES.admin!, {
      secret: DEV_JWT_SECRET,
      issuer: 'zhiyuan-dev',
      audience: 'zhiyuan',
    });
    const viaSubgraph = await gqlRequest(gatewayUrl!, '{ division(code: "330522") { name } }', {}, undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(viaSubgraph.status).toBe(200);
    expect(viaSubgraph.errors).toBeUndefined();
    expect(viaSubgraph.data).toHaveProperty('division');
    expect(Date.now() - started).toBeLessThan(60_000);

    process.kill(-child!.pid!, 'SIGINT');
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no exit within 30 s of SIGINT:\n${output}`)), 30_000),
      ),
    ]);
    // 130 (128 + SIGINT) means the process died of the signal before the launcher finished stopping:
    // some part re-raised it (an ApolloServer left with stopOnTerminationSignals on does).
    expect(result).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/shutting down/);
    // A clean Ctrl-C logs nothing at error level or above (pino: 50 error, 60 fatal); not a terminal, so JSON lines.
    const failures = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg?: string })
      .filter((l) => l.level >= 50);
    expect(failures).toEqual([]);
    // Stopped means stopped: the gateway no longer answers.
    await expect(fetch(gatewayUrl!, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 120_000);
});
