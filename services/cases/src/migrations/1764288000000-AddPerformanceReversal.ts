import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment recorded in error is put right by a reversal: a compensating row of its own, never an
 * edit or a deletion of the payment. One reversal per payment (unique), so a payment is reversed
 * once; the case's balance and its settlement's instalments are recomputed from the payments that
 * stand.
 */
export class AddPerformanceReversal1764288000000 implements MigrationInterface {
  name = 'AddPerformanceReversal1764288000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE cases.performance_reversal (
      id uuid PRIMARY KEY,
      performance_id uuid NOT NULL CONSTRAINT performance_reversal_performance_id_fkey REFERENCES cases.performance (id),
      case_id uuid NOT NULL CONSTRAINT performance_reversal_case_id_fkey REFERENCES cases."case" (id),
      amount_fen bigint NOT NULL CONSTRAINT performance_reversal_amount_fen_check CHECK (amount_fen > 0),
      reason text NOT NULL,
      reversed_by text NOT NULL,
      reversed_at timestamptz NOT NULL,
      outstanding_after_fen bigint NOT NULL CONSTRAINT performance_reversal_outstanding_after_fen_check CHECK (outstanding_after_fen >= 0),
      reopened_to text,
      CONSTRAINT performance_reversal_performance_id_key UNIQUE (performance_id)
    )`);
    await qr.query(`CREATE INDEX performance_reversal_case_idx ON cases.performance_reversal (case_id, reversed_at)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE cases.performance_reversal`);
  }
}
