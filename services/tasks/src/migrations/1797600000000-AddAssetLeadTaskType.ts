import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officer's tasks on a case terminated for this round (终本): acting on an asset lead a village filed,
 * and the periodic re-search of the obligor's assets when it falls due.
 */
export class AddAssetLeadTaskType1797600000000 implements MigrationInterface {
  name = 'AddAssetLeadTaskType1797600000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL', 'CONFIRM_PAYMENT', 'ACT_ON_ASSET_LEAD', 'RESEARCH_ASSETS'))`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM tasks.task WHERE type IN ('ACT_ON_ASSET_LEAD', 'RESEARCH_ASSETS')`);
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL', 'CONFIRM_PAYMENT'))`,
    );
  }
}
