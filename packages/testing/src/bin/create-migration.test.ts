import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMigration } from './create-migration';

/** A service's migrations folder as it is written: migration files and the index that lists them. */
function migrations(files: string[], index: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  for (const f of files) writeFileSync(path.join(dir, f), '');
  writeFileSync(path.join(dir, 'index.ts'), index);
  return dir;
}

const ONE_LINE = [
  "import { CreateCasesSchema1732406400000 } from './1732406400000-CreateCasesSchema';",
  "import { AddSettlementAgreedOn1764115200000 } from './1764115200000-AddSettlementAgreedOn';",
  '',
  '/** In order; never edit a migration once merged, add a new one. */',
  'export const migrations = [CreateCasesSchema1732406400000, AddSettlementAgreedOn1764115200000];',
  '',
].join('\n');
const FILES = ['1732406400000-CreateCasesSchema.ts', '1764115200000-AddSettlementAgreedOn.ts'];

describe('migration:create', () => {
  it('writes the migration with up and down and registers it last', () => {
    const dir = migrations(FILES, ONE_LINE);
    const { file, className } = createMigration(dir, 'AddCaseNote', Date.UTC(2026, 0, 1));
    expect(path.basename(file)).toBe('1767225600000-AddCaseNote.ts');
    expect(className).toBe('AddCaseNote1767225600000');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("import type { MigrationInterface, QueryRunner } from 'typeorm';");
    expect(text).toContain('export class AddCaseNote1767225600000 implements MigrationInterface');
    expect(text).toContain("name = 'AddCaseNote1767225600000';");
    expect(text).toMatch(/async up\(qr: QueryRunner\)[\s\S]*async down\(qr: QueryRunner\)/);
    expect(readFileSync(path.join(dir, 'index.ts'), 'utf8')).toBe(
      ONE_LINE.replace(
        "AddSettlementAgreedOn';\n",
        "AddSettlementAgreedOn';\nimport { AddCaseNote1767225600000 } from './1767225600000-AddCaseNote';\n",
      ).replace('AddSettlementAgreedOn1764115200000]', 'AddSettlementAgreedOn1764115200000, AddCaseNote1767225600000]'),
    );
  });

  it('comes after the newest migration even when the clock is behind it', () => {
    const { className } = createMigration(migrations(FILES, ONE_LINE), 'AddPartyNote', 0);
    expect(className).toBe('AddPartyNote1764115200001');
  });

  it('adds one item a line to a list written one item a line', () => {
    const dir = migrations(
      ['0000000000001-CreateA.ts'],
      "import { CreateA1 } from './0000000000001-CreateA';\n\nexport const migrations = [\n  CreateA1,\n];\n",
    );
    createMigration(dir, 'AddThing', 5);
    expect(readFileSync(path.join(dir, 'index.ts'), 'utf8')).toBe(
      "import { CreateA1 } from './0000000000001-CreateA';\nimport { AddThing5 } from './5-AddThing';\n\nexport const migrations = [\n  CreateA1,\n  AddThing5,\n];\n",
    );
  });

  it('refuses a name that is not a verb and a noun in PascalCase, and writes nothing', () => {
    const dir = migrations(FILES, ONE_LINE);
    expect(() => createMigration(dir, 'add_column')).toThrow(/PascalCase/);
    expect(() => createMigration(dir, 'Add')).toThrow(/PascalCase/);
    expect(readdirSync(dir).sort()).toEqual([...FILES, 'index.ts'].sort());
    expect(readFileSync(path.join(dir, 'index.ts'), 'utf8')).toBe(ONE_LINE);
  });
});
