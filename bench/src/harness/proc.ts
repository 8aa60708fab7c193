import { readFileSync, readdirSync } from 'node:fs';
import { Client } from 'pg';

/** Clock ticks a second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  return children;
}

/** A process and all its descendants (tsx runs a server in a child node process). */
export function processTree(root: number): number[] {
  const children = childrenByParent();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** User and system CPU seconds of these processes (those gone count 0). */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14 and 15 of stat (utime, stime); f starts at field 3.
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / TICKS;
}

/**
 * Resident bytes of these processes: all of it (`VmRSS`), or only their private memory (`RssAnon`),
 * for PostgreSQL backends, each of which counts in its VmRSS the pages of shared buffers it touched.
 */
export function rssBytes(pids: number[], field: 'VmRSS' | 'RssAnon' = 'VmRSS'): number {
  let total = 0;
  const re = new RegExp(`${field}:\\s+(\\d+) kB`);
  for (const pid of pids) {
    try {
      const m = re.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
  }
  return total;
}

/** The PostgreSQL backends serving one database now (this client's own excluded). */
export async function postgresBackends(databaseUrl: string): Promise<number[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}
