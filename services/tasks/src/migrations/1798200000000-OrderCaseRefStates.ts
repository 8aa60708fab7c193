import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time of the case event that last opened or closed a case here. A case's close and its reopening
 * reach tasks through different consumers and may be handled in another order than they happened; each
 * applies only when it is newer than the one already applied. Rows from before take the next event.
 */
export class OrderCaseRefStates1798200000000 implements MigrationInterface {
  name = 'OrderCaseRefStates1798200000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE tasks.case_ref ADD COLUMN state_as_of timestamptz`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE tasks.case_ref DROP COLUMN state_as_of`);
  }
}
