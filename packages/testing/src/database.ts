import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The PostgreSQL the tests run against: DATABASE_URL (the test command sets one up when unset). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'DATABASE_URL is not set: run the tests with `npm test`, which starts an embedded PostgreSQL when none is configured',
    );
  return url;
}

/** Set by the Jest global setup (see jest/global-setup.ts): the migrated template of the services under test. */
export const TEMPLATE_ENV = 'TEST_DATABASE_TEMPLATE';

/**
 * A fresh database for one test file; drop() removes it. It is a copy of the migrated template of the
 * services under test when the run has one (the services then find no migration pending), otherwise
 * empty.
 */
export async function createTestDatabase(prefix = 'zy_test', opts: { template?: string } = {}): Promise<TestDatabase> {
  const base = new URL(testDatabaseUrl());
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = opts.template ?? process.env[TEMPLATE_ENV];
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await retryWhileInUse(() =>
      admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`),
    );
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: base.toString() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs a statement again while PostgreSQL says the database is still being accessed (SQLSTATE 55006). */
export async function retryWhileInUse<T>(statement: () => Promise<T>, attempts = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await statement();
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
