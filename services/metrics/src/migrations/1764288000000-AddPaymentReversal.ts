import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A payment reversed in cases as recorded in error (cases.performance.reversed) keeps its fact, marked reversed: it no longer counts. */
export class AddPaymentReversal1764288000000 implements MigrationInterface {
  name = 'AddPaymentReversal1764288000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE metrics.payment_fact ADD COLUMN reversed_at timestamptz`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE metrics.payment_fact DROP COLUMN reversed_at`);
  }
}
