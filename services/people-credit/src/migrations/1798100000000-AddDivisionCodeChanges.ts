import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Divisions from the national list: the province and prefecture above the counties, a retirement day
 * on a division whose code left the list (its row stays, so what still points at it keeps resolving),
 * and the record of every rename and re-coding an import applied.
 */
export class AddDivisionCodeChanges1798100000000 implements MigrationInterface {
  name = 'AddDivisionCodeChanges1798100000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE people.division ADD COLUMN retired_on date`);
    await qr.query(`CREATE TABLE people.division_region (
      code text PRIMARY KEY CONSTRAINT division_region_code_check CHECK (code ~ '^[0-9]{2}([0-9]{2})?$'),
      name text NOT NULL,
      level text NOT NULL CONSTRAINT division_region_level_check CHECK (level IN ('PROVINCE', 'PREFECTURE')),
      parent_code text CONSTRAINT division_region_parent_code_fkey REFERENCES people.division_region(code)
    )`);
    await qr.query(`CREATE TABLE people.division_code_change (
      id uuid PRIMARY KEY,
      old_code text NOT NULL CONSTRAINT division_code_change_old_code_fkey REFERENCES people.division(code),
      new_code text NOT NULL CONSTRAINT division_code_change_new_code_fkey REFERENCES people.division(code),
      kind text NOT NULL CONSTRAINT division_code_change_kind_check CHECK (kind IN ('RENAMED', 'RECODED')),
      old_name text NOT NULL,
      new_name text NOT NULL,
      effective_on date NOT NULL,
      recorded_at timestamptz NOT NULL,
      recorded_by text NOT NULL
    )`);
    // One rename or re-coding of a code per effective day: importing the same list twice records it once.
    await qr.query(
      `CREATE UNIQUE INDEX division_code_change_once_idx ON people.division_code_change (old_code, kind, effective_on)`,
    );
    await qr.query(`CREATE INDEX division_code_change_new_idx ON people.division_code_change (new_code)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE people.division_code_change`);
    await qr.query(`DROP TABLE people.division_region`);
    await qr.query(`ALTER TABLE people.division DROP COLUMN retired_on`);
  }
}
