import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@zhiyuan/db';

export class CreateMetricsSchema1732406400000 implements MigrationInterface {
  name = 'CreateMetricsSchema1732406400000';

  async up(qr: QueryRunner): Promise<void> {
    await createMessagingTables(qr, 'metrics');
    await qr.query(`CREATE TABLE metrics.division_stats (
      division_code text PRIMARY KEY,
      closed_cases int NOT NULL DEFAULT 0,
      performed_after_urging int NOT NULL DEFAULT 0,
      amount_recovered_fen bigint NOT NULL DEFAULT 0,
      updated_at timestamptz
    )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE metrics.division_stats`);
    await dropMessagingTables(qr, 'metrics');
  }
}
