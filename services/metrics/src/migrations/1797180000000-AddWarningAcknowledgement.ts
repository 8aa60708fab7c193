import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person who has seen an open warning and acts on it acknowledges it, with a note of what is being
 * done (`acknowledgeWarning`); the warning still resolves by itself when its condition clears.
 */
export class AddWarningAcknowledgement1797180000000 implements MigrationInterface {
  name = 'AddWarningAcknowledgement1797180000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE metrics.warning ADD COLUMN acknowledged_by text, ADD COLUMN acknowledged_at timestamptz, ADD COLUMN acknowledgement_note text`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE metrics.warning DROP COLUMN acknowledged_by, DROP COLUMN acknowledged_at, DROP COLUMN acknowledgement_note`,
    );
  }
}
