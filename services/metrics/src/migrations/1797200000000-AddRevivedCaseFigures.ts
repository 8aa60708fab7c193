import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases terminated for this round (终本) that came back from an asset lead (cases.case.revived): the
 * case fact keeps its first revival (when, the day, what had been paid by then), and the daily and
 * monthly read models two summed columns, `revived_cases` (on the day of the revival) and
 * `revived_recovered_fen` (payments recorded on the case after it, on the day paid). Existing rows
 * count zero of both.
 */
export class AddRevivedCaseFigures1797200000000 implements MigrationInterface {
  name = 'AddRevivedCaseFigures1797200000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE metrics.case_fact ADD COLUMN revived_at timestamptz, ADD COLUMN revived_on date, ADD COLUMN revived_paid_fen bigint`,
    );
    for (const t of ['division_daily', 'division_monthly'])
      await qr.query(
        `ALTER TABLE metrics.${t} ADD COLUMN revived_cases int NOT NULL DEFAULT 0, ADD COLUMN revived_recovered_fen bigint NOT NULL DEFAULT 0`,
      );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['division_daily', 'division_monthly'])
      await qr.query(`ALTER TABLE metrics.${t} DROP COLUMN revived_cases, DROP COLUMN revived_recovered_fen`);
    await qr.query(
      `ALTER TABLE metrics.case_fact DROP COLUMN revived_at, DROP COLUMN revived_on, DROP COLUMN revived_paid_fen`,
    );
  }
}
