import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { retryWhileInUse, testDatabaseUrl } from './database';

/** One schema of a template database: the files that define it, and how to migrate a database to it. */
export interface TemplatePart {
  /** Names the part in the template's name (a service: `metrics`). */
  name: string;
  /** The files whose contents make the schema (the migrations); any change makes a new template. */
  sources: string[];
  /** Applies the part's migrations to the database at `url`, closing every connection it opened. */
  migrate(url: string): Promise<void>;
}

export interface Template {
  name: string;
  /** True when this call built it (false: it existed already). */
  built: boolean;
  /** Ends this run's claim on the template; until then no other run drops it. */
  release(): Promise<void>;
}

// Advisory lock namespaces (the first key of the two-key form); the second key comes from the name.
const BUILD_LOCK = 0x7a790001;
const USE_LOCK = 0x7a790002;
const PREFIX = 'zy_tpl_';

/** `zy_tpl_<parts>_<hash>`: the hash covers every source's contents, so a changed migration makes a new template. */
export function templateName(parts: TemplatePart[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(`part ${part.name}\n`);
    for (const file of [...part.sources].sort())
      hash
        .update(`${file.slice(file.lastIndexOf('/') + 1)}\n`)
        .update(readFileSync(file))
        .update('\n');
  }
  return `${PREFIX}${label(parts)}_${hash.digest('hex').slice(0, 16)}`;
}

function label(parts: TemplatePart[]): string {
  return parts
    .map((p) => p.name)
    .join('_')
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase()
    .slice(0, 36);
}

/**
 * The template database of these parts: reused when it exists, otherwise built once (migrated under a
 * temporary name, then renamed) while an advisory lock keeps parallel Jest processes from building it
 * twice. Until `release()`, a shared lock tells other runs it is in use; templates of the same parts
 * with another hash that no run uses are dropped. The template takes no connections, so
 * `CREATE DATABASE … TEMPLATE` can always copy it.
 */
export async function ensureTemplate(parts: TemplatePart[], baseUrl: string = testDatabaseUrl()): Promise<Template> {
  const name = templateName(parts);
  const admin = new Client({ connectionString: baseUrl, application_name: 'zhiyuan-test-template' });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock_shared($1, $2)', [USE_LOCK, lockKey(name)]);
    await admin.query('SELECT pg_advisory_lock($1, $2)', [BUILD_LOCK, lockKey(name)]);
    let built = false;
    try {
      if (!(await exists(admin, name))) {
        await build(admin, baseUrl, name, parts);
        built = true;
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1, $2)', [BUILD_LOCK, lockKey(name)]);
    }
    await dropUnused(admin, name, label(parts));
    return { name, built, release: () => admin.end() };
  } catch (err) {
    await admin.end().catch(() => undefined);
    throw err;
  }
}

async function build(admin: Client, baseUrl: string, name: string, parts: TemplatePart[]): Promise<void> {
  const building = `${name}_tmp`;
  // A build that died half-way leaves its database under the temporary name, never under the real one.
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${building}`;
  for (const part of parts) await part.migrate(url.toString());
  // A closed connection's backend may still be exiting: a template must have none while it is copied.
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [building],
  );
  await retryWhileInUse(() => admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
  await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
}

async function dropUnused(admin: Client, current: string, partsLabel: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ $1 AND datname <> $2`,
    [`^${PREFIX}${partsLabel}_[0-9a-f]{16}(_tmp)?$`, current],
  );
  for (const { datname } of rows) {
    const key = lockKey(datname.replace(/_tmp$/, ''));
    const { rows: got } = await admin.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      USE_LOCK,
      key,
    ]);
    if (!got[0]?.ok) continue;
    try {
      await admin.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1, $2)', [USE_LOCK, key]);
    }
  }
}

async function exists(admin: Client, name: string): Promise<boolean> {
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

function lockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}
