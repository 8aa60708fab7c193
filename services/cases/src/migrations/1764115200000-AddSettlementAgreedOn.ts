import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day a settlement was agreed, apart from when it was recorded (`agreed_at`): a settlement agreed
 * earlier (history, data migration) is recorded with its own date. Existing rows were agreed the day
 * they were recorded, in the court's calendar.
 */
export class AddSettlementAgreedOn1764115200000 implements MigrationInterface {
  name = 'AddSettlementAgreedOn1764115200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE cases.settlement ADD COLUMN agreed_on date`);
    await qr.query(`UPDATE cases.settlement SET agreed_on = (agreed_at AT TIME ZONE 'Asia/Shanghai')::date`);
    await qr.query(`ALTER TABLE cases.settlement ALTER COLUMN agreed_on SET NOT NULL`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE cases.settlement DROP COLUMN agreed_on`);
  }
}
