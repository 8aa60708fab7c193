import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Party visibility looks up the cases a party is in, as obligor or obligee. */
export class IndexCaseObligees1764200000000 implements MigrationInterface {
  name = 'IndexCaseObligees1764200000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `CREATE INDEX IF NOT EXISTS case_projection_obligees_idx ON people.case_projection USING gin (obligee_ids)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP INDEX people.case_projection_obligees_idx`);
  }
}
