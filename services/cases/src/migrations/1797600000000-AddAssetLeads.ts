import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case terminated for this round (终本) comes back when someone finds something to enforce on: the
 * village files an asset lead, the officer reopens from it. `asset_lead` keeps every lead with who
 * filed it and, once acted on, the reopening; `case.open_asset_lead_at` is the time of the oldest
 * lead not yet acted on, so the due list puts those cases first without a join. The partial index
 * serves `researchDue` (terminated cases only, in the list's order: leads first, then by due date).
 * `research_announced_for` is the due date the sweep last announced (cases.research.due), so each
 * due date is announced once.
 */
export class AddAssetLeads1797600000000 implements MigrationInterface {
  name = 'AddAssetLeads1797600000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE cases."case" ADD COLUMN open_asset_lead_at timestamptz`);
    await qr.query(`ALTER TABLE cases."case" ADD COLUMN research_announced_for date`);
    await qr.query(
      `CREATE INDEX case_research_due_idx ON cases."case" ((open_asset_lead_at IS NULL), next_research_due, id) WHERE state = 'TERMINATED_THIS_ROUND'`,
    );
    await qr.query(`
      CREATE TABLE cases.asset_lead (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL CONSTRAINT asset_lead_case_id_fkey REFERENCES cases."case" (id),
        what text NOT NULL,
        "where" text NOT NULL,
        estimated_value_fen bigint NOT NULL CONSTRAINT asset_lead_estimated_value_fen_check CHECK (estimated_value_fen >= 0),
        source text NOT NULL,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL,
        reopened_by text,
        reopened_at timestamptz
      )`);
    await qr.query(`CREATE INDEX asset_lead_case_idx ON cases.asset_lead (case_id, reported_at)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE cases.asset_lead`);
    await qr.query(`DROP INDEX cases.case_research_due_idx`);
    await qr.query(`ALTER TABLE cases."case" DROP COLUMN research_announced_for`);
    await qr.query(`ALTER TABLE cases."case" DROP COLUMN open_asset_lead_at`);
  }
}
