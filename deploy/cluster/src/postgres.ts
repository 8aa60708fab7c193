import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

const DEFAULT_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Bytes of WAL the replica has still to replay (0 once it caught up). */
  replayLagBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Runs a PostgreSQL command as the `postgres` user when this process is root (PostgreSQL refuses root). */
function asPostgres(bin: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed: ${r.stderr || r.stdout || r.error}`);
}

function ownedByPostgres(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
}

/**
 * A PostgreSQL primary and a streaming replica made from it with pg_basebackup (hot standby, read
 * only), each a local cluster of its own under `dir`, on loopback ports.
 */
export async function startPostgresPair(opts: {
  dir: string;
  primaryPort: number;
  replicaPort: number;
  bin?: string;
}): Promise<PostgresPair> {
  const bin = opts.bin ?? DEFAULT_BIN;
  ownedByPostgres(opts.dir);
  const primary = path.join(opts.dir, 'primary');
  const replica = path.join(opts.dir, 'replica');
  const pgCtl = (data: string, port: number, action: 'start' | 'stop') =>
    asPostgres(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(opts.dir, `${path.basename(data)}.log`),
      '-w',
      ...(action === 'stop' ? ['-m', 'fast'] : []),
      '-o',
      `-p ${port} -k ${opts.dir} -c listen_addresses=127.0.0.1`,
      action,
    ]);
  asPostgres(path.join(bin, 'initdb'), ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  pgCtl(primary, opts.primaryPort, 'start');
  let replicaUp = false;
  try {
    // -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
    asPostgres(path.join(bin, 'pg_basebackup'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(opts.primaryPort),
      '-U',
      'postgres',
      '-D',
      replica,
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
    ]);
    pgCtl(replica, opts.replicaPort, 'start');
    replicaUp = true;
  } catch (err) {
    pgCtl(primary, opts.primaryPort, 'stop');
    throw err;
  }
  const primaryUrl = `postgres://postgres@127.0.0.1:${opts.primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${opts.replicaPort}/postgres`;
  try {
    await waitForStandby(replicaUrl);
  } catch (err) {
    pgCtl(replica, opts.replicaPort, 'stop');
    pgCtl(primary, opts.primaryPort, 'stop');
    throw err;
  }
  return {
    primaryUrl,
    replicaUrl,
    replayLagBytes: async () => {
      const c = new Client({ connectionString: primaryUrl });
      await c.connect();
      try {
        const { rows } = await c.query<{ lag: string | null }>(
          `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS lag FROM pg_stat_replication`,
        );
        return rows.length ? Number(rows[0]!.lag ?? 0) : Number.POSITIVE_INFINITY;
      } finally {
        await c.end();
      }
    },
    stop: async () => {
      if (replicaUp) pgCtl(replica, opts.replicaPort, 'stop');
      replicaUp = false;
      pgCtl(primary, opts.primaryPort, 'stop');
    },
  };
}

/** Waits until the replica takes read-only sessions (a standby refuses them, 57P03, until its WAL is consistent). */
async function waitForStandby(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = new Client({ connectionString: url });
    const recovering = await c
      .connect()
      .then(() => c.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r'))
      .then((q) => q.rows[0]!.r)
      .catch(() => undefined)
      .finally(() => c.end().catch(() => undefined));
    if (recovering === true) return;
    if (recovering === false) throw new Error(`${url} is not a standby`);
    if (Date.now() > until) throw new Error(`the replica ${url} takes no session after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
