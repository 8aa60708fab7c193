import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A judge sees in full the parties of the cases they judge, so the case projection keeps the judge
 * from cases.judgment.effective. Rows taken in before this migration stay null until their case
 * events arrive again (the inbox skips events already handled, so a replay needs a fresh consumer).
 */
export class AddJudgeToCaseProjection1764800000000 implements MigrationInterface {
  name = 'AddJudgeToCaseProjection1764800000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE people.case_projection ADD COLUMN judge_id uuid`);
    await qr.query(
      `CREATE INDEX case_projection_judge_idx ON people.case_projection (judge_id) WHERE judge_id IS NOT NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP INDEX people.case_projection_judge_idx`);
    await qr.query(`ALTER TABLE people.case_projection DROP COLUMN judge_id`);
  }
}
