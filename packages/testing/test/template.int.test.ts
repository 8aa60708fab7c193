import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, ensureTemplate, templateName, testDatabaseUrl, type TemplatePart } from '../src';

/** A part whose one "migration" file creates a table named in it; counts how often it ran. */
function part(name: string, table: string): TemplatePart & { runs: number; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
  const file = path.join(dir, '1-CreateTable.ts');
  writeFileSync(file, table);
  const p = {
    name,
    sources: [file],
    file,
    runs: 0,
    migrate: async (url: string) => {
      p.runs++;
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA ${name}; CREATE TABLE ${name}.${table} (id int)`);
      } finally {
        await c.end();
      }
    },
  };
  return p;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: testDatabaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const databases = (like: string) =>
  admin(async (c) =>
    (
      await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1', [
        like,
      ])
    ).rows.map((r) => r.datname),
  );

describe('template databases', () => {
  const label = `t${Date.now().toString(36)}`;

  afterAll(async () => {
    for (const name of await databases(`zy_tpl_${label}`))
      await admin((c) =>
        c
          .query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`)
          .then(() => c.query(`DROP DATABASE "${name}" WITH (FORCE)`)),
      );
  });

  it('is built once, reused while its migrations stay the same, and copied into each test database', async () => {
    const p = part(label, 'first');
    const [a, b] = await Promise.all([ensureTemplate([p]), ensureTemplate([p])]);
    expect(a.name).toBe(b.name);
    expect([a.built, b.built].sort()).toEqual([false, true]);
    expect(p.runs).toBe(1);
    await b.release();

    const db = await createTestDatabase('zy_tpl_test', { template: a.name });
    try {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [
        label,
      ]);
      await c.end();
      expect(rows).toEqual([{ table_name: 'first' }]);
    } finally {
      await db.drop();
    }
    await a.release();
  });

  it('gets a new name when a migration changes, and the unused old one is dropped', async () => {
    const p = part(label, 'first');
    const old = await ensureTemplate([p]);
    await old.release();
    writeFileSync(p.file, 'second');
    expect(templateName([p])).not.toBe(old.name);
    // Another run still holds the old one: it stays.
    const holder = await ensureTemplate([{ ...part(label, 'first'), sources: [] }]);
    const held = holder.name;
    const current = await ensureTemplate([p]);
    expect(current.name).not.toBe(old.name);
    const left = await databases(`zy_tpl_${label}`);
    expect(left).toContain(current.name);
    expect(left).toContain(held);
    expect(left).not.toContain(old.name);
    await holder.release();
    await current.release();
  });
});
