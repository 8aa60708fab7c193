/**
 * The test command: all tiers through Turborepo, against DATABASE_URL, or an embedded PostgreSQL
 * started here when none is configured. Runs the dependency rule of docs/service-layout.md first
 * (`.dependency-cruiser.cjs`, as `npm run check:deps` does) and the formatting check (Prettier); the
 * supergraph check is a gateway test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '@zhiyuan/config';
import { startEmbeddedPostgres } from '@zhiyuan/embedded-postgres';
import { decideNats, natsReachable } from '../nats';

const root = path.resolve(__dirname, '../../../..');
const log = createLogger('test-runner');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return r.status ?? 1;
}

async function main(): Promise<void> {
  const env = { ...process.env };
  let stopPg: (() => Promise<void>) | undefined;
  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(root, '.data/test-postgres'),
      port: Number(env.TEST_EMBEDDED_PG_PORT ?? 54330),
      logger: log,
    });
    env.DATABASE_URL = pg.url;
    stopPg = pg.stop;
  }
  // The same rule each NATS test file applies, said once up front (a failure under CI=true shows in those files).
  const nats = decideNats(env, (url) => natsReachable(url));
  if (nats.action === 'skip') log.warn(`${nats.warning} (set NATS_URL=nats://127.0.0.1:4222 to a running server)`);
  if (nats.action === 'fail') log.error(nats.error);
  let status = 0;
  const resultsDir = path.join(root, '.data/test-results');
  rmSync(resultsDir, { recursive: true, force: true });
  try {
    // The resolver types are generated (not committed): the dependency rule resolves imports of them.
    status = run('npx', ['turbo', 'run', 'codegen', '--output-logs=errors-only'], env);
    if (status === 0) status = run('npm', ['run', '-s', 'check:deps'], env);
    if (status === 0) status = run('npm', ['run', '-s', 'format:check'], env);
    if (status === 0)
      status = run(
        'npx',
        [
          'turbo',
          'run',
          'lint:repo',
          'typecheck:repo',
          'test',
          '--continue',
          '--output-logs=new-only',
          ...process.argv.slice(2),
        ],
        env,
      );
  } finally {
    await stopPg?.();
  }
  const totals = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(resultsDir)) {
    for (const f of readdirSync(resultsDir)) {
      const r = JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')) as typeof totals;
      totals.passed += r.passed;
      totals.failed += r.failed;
      totals.skipped += r.skipped;
    }
  }
  process.stdout.write(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(status);
}

void main();
