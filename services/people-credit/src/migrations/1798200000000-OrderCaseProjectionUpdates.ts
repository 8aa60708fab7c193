import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time of the case event that set a projected case's balance, and of the one that set whether it is
 * closed. Case events reach people-credit through several consumers, so a payment, its reversal, a close
 * and a reopening may be handled in another order than they happened; each change applies only when it
 * is newer than the one already applied. Rows from before have neither, and take the next event.
 */
export class OrderCaseProjectionUpdates1798200000000 implements MigrationInterface {
  name = 'OrderCaseProjectionUpdates1798200000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE people.case_projection ADD COLUMN balance_as_of timestamptz, ADD COLUMN state_as_of timestamptz`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE people.case_projection DROP COLUMN balance_as_of, DROP COLUMN state_as_of`);
  }
}
