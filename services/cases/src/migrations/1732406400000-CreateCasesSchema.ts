import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@zhiyuan/db';

export class CreateCasesSchema1732406400000 implements MigrationInterface {
  name = 'CreateCasesSchema1732406400000';

  async up(qr: QueryRunner): Promise<void> {
    await createMessagingTables(qr, 'cases');
    await qr.query(`CREATE TABLE cases."case" (
      id uuid PRIMARY KEY,
      case_number text NOT NULL UNIQUE,
      court text NOT NULL,
      state text NOT NULL,
      amount_owed_fen bigint NOT NULL CHECK (amount_owed_fen >= 0),
      judge_id uuid,
      obligor_ids uuid[] NOT NULL,
      village_code text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX case_state_idx ON cases."case" (state)`);
    await qr.query(`CREATE INDEX case_judge_idx ON cases."case" (judge_id)`);
    await qr.query(`CREATE INDEX case_village_idx ON cases."case" (village_code)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE cases."case"`);
    await dropMessagingTables(qr, 'cases');
  }
}
