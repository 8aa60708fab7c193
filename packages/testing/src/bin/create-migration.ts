/**
 * `npm run migration:create -w @zhiyuan/<service> -- <VerbNoun>`: writes
 * src/migrations/<timestamp>-<VerbNoun>.ts with empty `up` and `down`, and registers it last in
 * src/migrations/index.ts. The timestamp is now, or one past the newest migration when that is later,
 * so the new migration always runs last.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CreatedMigration {
  file: string;
  className: string;
}

const MIGRATION_FILE = /^(\d{13})-[A-Za-z0-9]+\.ts$/;

export function createMigration(migrationsDir: string, name: string, now: number = Date.now()): CreatedMigration {
  if (!/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/.test(name)) {
    throw new Error(`the migration's name is a verb and a noun in PascalCase (AddSettlementAgreedOn), not "${name}"`);
  }
  const indexFile = path.join(migrationsDir, 'index.ts');
  if (!existsSync(indexFile))
    throw new Error(`no ${path.relative(process.cwd(), indexFile)}: run this in a service folder`);
  const existing = readdirSync(migrationsDir)
    .map((f) => MIGRATION_FILE.exec(f)?.[1])
    .filter((t): t is string => t !== undefined);
  const timestamp = Math.max(now, ...existing.map((t) => Number(t) + 1));
  const className = `${name}${timestamp}`;
  const file = path.join(migrationsDir, `${timestamp}-${name}.ts`);

  const index = readFileSync(indexFile, 'utf8');
  const list = /export const migrations = \[([\s\S]*?)\];/.exec(index);
  if (!list) throw new Error(`${indexFile} has no "export const migrations = [...]" to add the migration to`);
  const items = list[1]!;
  // One line (`[A, B]`) or one item a line with a trailing comma, as the file has it.
  const registered = items.trimEnd().endsWith(',')
    ? `${items.trimEnd()}\n  ${className},\n`
    : items.trim() === ''
      ? className
      : `${items.trimEnd()}, ${className}`;
  const imports = [...index.matchAll(/^import .*;$/gm)];
  const last = imports[imports.length - 1];
  const importLine = `import { ${className} } from './${timestamp}-${name}';\n`;
  const at = last ? last.index! + last[0].length + 1 : 0;
  const withImport = index.slice(0, at) + importLine + index.slice(at);
  const updated = withImport.replace(list[0], `export const migrations = [${registered}];`);

  writeFileSync(file, template(className));
  writeFileSync(indexFile, updated);
  return { file, className };
}

function template(className: string): string {
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What this migration changes and why (the rows it touches, what existing rows become).
 */
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(qr: QueryRunner): Promise<void> {
    // One qr.query per statement, names qualified by the service's schema.
    await qr.query(\`\`);
  }

  async down(qr: QueryRunner): Promise<void> {
    // Undoes up, in reverse order.
    await qr.query(\`\`);
  }
}
`;
}

if (require.main === module) {
  const name = process.argv[2];
  if (!name) {
    process.stderr.write('usage: npm run migration:create -w @zhiyuan/<service> -- <VerbNoun>\n');
    process.exit(64);
  }
  try {
    const { file, className } = createMigration(path.join(process.cwd(), 'src/migrations'), name);
    process.stdout.write(
      `created ${path.relative(process.cwd(), file)} (${className}), registered in src/migrations/index.ts\n`,
    );
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
