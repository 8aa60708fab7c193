import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schedules of settlements and instalment plans (from `cases.settlement.agreed`) and the payments
 * recorded on their cases (from `cases.performance.recorded`), so the obligor can be reminded of an
 * instalment a few days before it falls due, and only while it is unpaid.
 */
export class CreateInstalmentProjection1796256000000 implements MigrationInterface {
  name = 'CreateInstalmentProjection1796256000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE tasks.instalment_ref (
      settlement_id uuid NOT NULL,
      no integer NOT NULL,
      case_id uuid NOT NULL,
      due_date date NOT NULL,
      amount_fen bigint NOT NULL,
      agreed_at timestamptz NOT NULL,
      reminded_at timestamptz,
      status text NOT NULL DEFAULT 'DUE' CONSTRAINT instalment_ref_status_check CHECK (status IN ('DUE', 'MISSED', 'ENDED')),
      CONSTRAINT instalment_ref_pkey PRIMARY KEY (settlement_id, no)
    )`);
    await qr.query(`CREATE INDEX instalment_ref_case_idx ON tasks.instalment_ref (case_id)`);
    await qr.query(
      `CREATE INDEX instalment_ref_due_idx ON tasks.instalment_ref (due_date) WHERE status = 'DUE' AND reminded_at IS NULL`,
    );
    await qr.query(`CREATE TABLE tasks.payment_ref (
      performance_id uuid NOT NULL CONSTRAINT payment_ref_pkey PRIMARY KEY,
      case_id uuid NOT NULL,
      amount_fen bigint NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await qr.query(`CREATE INDEX payment_ref_case_idx ON tasks.payment_ref (case_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE tasks.payment_ref`);
    await qr.query(`DROP TABLE tasks.instalment_ref`);
  }
}
