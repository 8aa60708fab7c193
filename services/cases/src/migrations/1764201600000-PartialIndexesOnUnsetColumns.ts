import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A judgment is taken in without an enforcement number or an officer (both come with filing), and
 * often without a judge in history loads: indexes on these columns need no entry while they are
 * unset. Every lookup on them is an equality (`officer_id = $1`, `judge_id = $1`, a number), which
 * the partial indexes still serve, and NULL never conflicted in the unique one. The bulk import
 * writes three index entries fewer per judgment.
 */
export class PartialIndexesOnUnsetColumns1764201600000 implements MigrationInterface {
  name = 'PartialIndexesOnUnsetColumns1764201600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE cases."case" DROP CONSTRAINT case_enforcement_number_key`);
    await qr.query(
      `CREATE UNIQUE INDEX case_enforcement_number_key ON cases."case" (enforcement_number) WHERE enforcement_number IS NOT NULL`,
    );
    await qr.query(`DROP INDEX cases.case_officer_idx`);
    await qr.query(
      `CREATE INDEX case_officer_idx ON cases."case" (officer_id, effective_date DESC, id DESC) WHERE officer_id IS NOT NULL`,
    );
    await qr.query(`DROP INDEX cases.case_judge_idx`);
    await qr.query(
      `CREATE INDEX case_judge_idx ON cases."case" (judge_id, effective_date DESC, id DESC) WHERE judge_id IS NOT NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP INDEX cases.case_judge_idx`);
    await qr.query(`CREATE INDEX case_judge_idx ON cases."case" (judge_id, effective_date DESC, id DESC)`);
    await qr.query(`DROP INDEX cases.case_officer_idx`);
    await qr.query(`CREATE INDEX case_officer_idx ON cases."case" (officer_id, effective_date DESC, id DESC)`);
    await qr.query(`DROP INDEX cases.case_enforcement_number_key`);
    await qr.query(`ALTER TABLE cases."case" ADD CONSTRAINT case_enforcement_number_key UNIQUE (enforcement_number)`);
  }
}
