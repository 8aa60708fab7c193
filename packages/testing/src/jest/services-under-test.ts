/* eslint-disable @typescript-eslint/no-require-imports -- a service is loaded by its folder, known only at run time. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TemplatePart } from '../template';

const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * The service folders whose schemas a package's tests need: the package itself when it is a service,
 * and every service it depends on (the launcher's end-to-end tests run all four on one database).
 * Known from the workspace's package.json files, so no package imports a service to find them.
 */
export function servicesUnderTest(packageDir: string, root: string = repoRoot): string[] {
  const servicesDir = path.join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  const byName = new Map<string, string>();
  for (const folder of readdirSync(servicesDir)) {
    const manifest = path.join(servicesDir, folder, 'package.json');
    if (existsSync(manifest) && existsSync(path.join(servicesDir, folder, 'src/migrations')))
      byName.set(readManifest(manifest).name, path.join(servicesDir, folder));
  }
  const manifest = path.join(packageDir, 'package.json');
  if (!existsSync(manifest)) return [];
  const pkg = readManifest(manifest);
  const found = new Set<string>();
  const self = byName.get(pkg.name);
  if (self && path.resolve(self) === path.resolve(packageDir)) found.add(self);
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const dir = byName.get(dep);
    if (dir) found.add(dir);
  }
  return [...found].sort();
}

/**
 * A service's part of a template: its migration files, and the messaging tables they create, make the
 * hash; migrating runs the service's own migrations the way it does at start (`initializeDataSource`
 * with its schema), so the service later finds none pending.
 */
export function serviceTemplatePart(serviceDir: string): TemplatePart {
  const migrationsDir = path.join(serviceDir, 'src/migrations');
  const messagingTables = path.join(path.dirname(require.resolve('@zhiyuan/db')), 'messaging-tables.ts');
  return {
    name: path.basename(serviceDir),
    sources: [...filesUnder(migrationsDir), ...(existsSync(messagingTables) ? [messagingTables] : [])],
    migrate: async (url) => {
      const { createDataSource, initializeDataSource } = require('@zhiyuan/db') as typeof import('@zhiyuan/db');
      const { migrations } = require(migrationsDir) as { migrations?: unknown[] };
      const { DB_SCHEMA: schema } = require(serviceDir) as { DB_SCHEMA?: string };
      if (!Array.isArray(migrations) || typeof schema !== 'string')
        throw new Error(`${serviceDir} exports no migrations (src/migrations) or no DB_SCHEMA (src/index.ts)`);
      const ds = createDataSource({
        url,
        schema,
        entities: [],
        migrations: migrations as never,
        poolSize: 1,
        applicationName: 'zhiyuan-test-template',
      });
      try {
        await initializeDataSource(ds, schema);
      } finally {
        if (ds.isInitialized) await ds.destroy();
      }
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function readManifest(file: string): {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
} {
  return JSON.parse(readFileSync(file, 'utf8'));
}
