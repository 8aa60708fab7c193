import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@zhiyuan/db';

export class CreateTasksSchema1732406400000 implements MigrationInterface {
  name = 'CreateTasksSchema1732406400000';

  async up(qr: QueryRunner): Promise<void> {
    await createMessagingTables(qr, 'tasks');
    await qr.query(`CREATE TABLE tasks.task (
      id uuid PRIMARY KEY,
      case_id uuid,
      type text NOT NULL,
      level text NOT NULL CHECK (level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')),
      status text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      division_code text NOT NULL,
      due_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX task_case_idx ON tasks.task (case_id)`);
    await qr.query(`CREATE INDEX task_division_status_idx ON tasks.task (division_code, status)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE tasks.task`);
    await dropMessagingTables(qr, 'tasks');
  }
}
