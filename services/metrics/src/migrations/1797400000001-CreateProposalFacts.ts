import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Obligors coming forward online (tasks.proposal.submitted / .decided): one fact per proposal, and
 * two summed columns of the daily and monthly read models, `came_forward` (on the day it was
 * submitted) and `came_forward_relieved` (accepted as a grace period, a settlement or an instalment
 * plan, on the day it was decided). Existing rows count zero of both.
 */
export class CreateProposalFacts1797400000001 implements MigrationInterface {
  name = 'CreateProposalFacts1797400000001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE metrics.proposal_fact (
      proposal_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      obligor_id uuid NOT NULL,
      intent text NOT NULL,
      county_code text,
      township_code text,
      village_code text,
      submitted_on date,
      decided_on date,
      relieved boolean NOT NULL DEFAULT false
    )`);
    for (const t of ['division_daily', 'division_monthly'])
      await qr.query(
        `ALTER TABLE metrics.${t} ADD COLUMN came_forward int NOT NULL DEFAULT 0, ADD COLUMN came_forward_relieved int NOT NULL DEFAULT 0`,
      );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['division_daily', 'division_monthly'])
      await qr.query(`ALTER TABLE metrics.${t} DROP COLUMN came_forward, DROP COLUMN came_forward_relieved`);
    await qr.query(`DROP TABLE metrics.proposal_fact`);
  }
}
