import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Home visits take attachments too (the visit's photos and notes). Widens the target check; no row changes. */
export class AddHomeVisitAttachments1797800000000 implements MigrationInterface {
  name = 'AddHomeVisitAttachments1797800000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE tasks.attachment DROP CONSTRAINT attachment_target_kind_check`);
    await qr.query(
      `ALTER TABLE tasks.attachment ADD CONSTRAINT attachment_target_kind_check
         CHECK (target_kind IN ('TASK', 'MEETING', 'WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION', 'HOME_VISIT'))`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM tasks.attachment WHERE target_kind = 'HOME_VISIT'`);
    await qr.query(`ALTER TABLE tasks.attachment DROP CONSTRAINT attachment_target_kind_check`);
    await qr.query(
      `ALTER TABLE tasks.attachment ADD CONSTRAINT attachment_target_kind_check
         CHECK (target_kind IN ('TASK', 'MEETING', 'WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION'))`,
    );
  }
}
