import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The officer's task to act on an asset lead a village filed on a case terminated for this round. */
export class AddAssetLeadTaskType1797600000000 implements MigrationInterface {
  name = 'AddAssetLeadTaskType1797600000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL', 'CONFIRM_PAYMENT', 'ACT_ON_ASSET_LEAD'))`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM tasks.task WHERE type = 'ACT_ON_ASSET_LEAD'`);
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL', 'CONFIRM_PAYMENT'))`,
    );
  }
}
