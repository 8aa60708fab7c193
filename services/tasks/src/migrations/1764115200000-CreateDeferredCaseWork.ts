import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case work that waits for routing: an urging or a filing whose obligor's home division was not yet
 * known when the event arrived. It is carried out when the case is routed (`cases.case.rerouted`).
 */
export class CreateDeferredCaseWork1764115200000 implements MigrationInterface {
  name = 'CreateDeferredCaseWork1764115200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE tasks.deferred_case_work (
      case_id uuid NOT NULL,
      subject text NOT NULL CHECK (subject IN ('cases.urging.started', 'cases.enforcement.filed')),
      payload jsonb NOT NULL,
      deferred_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, subject)
    )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE tasks.deferred_case_work`);
  }
}
