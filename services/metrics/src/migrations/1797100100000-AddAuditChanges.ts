import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries keep the fields an update changed, with their masked values before and after
 * (`changes`), and what a command did (`detail`: counts, a file's digest). Existing entries have
 * neither (null): they were recorded before either was known.
 */
export class AddAuditChanges1797100100000 implements MigrationInterface {
  name = 'AddAuditChanges1797100100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE metrics.audit_log ADD COLUMN changes jsonb, ADD COLUMN detail jsonb`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE metrics.audit_log DROP COLUMN changes, DROP COLUMN detail`);
  }
}
