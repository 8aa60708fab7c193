import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A warning resolved by hand (`resolveWarning`) keeps who resolved it and why; `recovered_at` stays
 * null until the rule's metric has recovered once in that division, and until then the rule raises
 * nothing new there (docs/adr/0015-hand-resolved-warnings.md). The index finds those quiet pairs.
 */
export class AddWarningResolution1797600000000 implements MigrationInterface {
  name = 'AddWarningResolution1797600000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE metrics.warning ADD COLUMN resolved_by text, ADD COLUMN resolution_note text, ADD COLUMN recovered_at timestamptz`,
    );
    await qr.query(
      `CREATE INDEX warning_suppressing_idx ON metrics.warning (rule_id, division_code) WHERE resolved_by IS NOT NULL AND recovered_at IS NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP INDEX metrics.warning_suppressing_idx`);
    await qr.query(
      `ALTER TABLE metrics.warning DROP COLUMN resolved_by, DROP COLUMN resolution_note, DROP COLUMN recovered_at`,
    );
  }
}
