import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tasks assigned to a partner or county department, from tasks.task.created and
 * tasks.task.completed: a county department reads the parties of its open tasks. Closed tasks stay,
 * with when and how they closed, as the record of what was assigned. Tasks opened before this
 * migration are not known until their events arrive again (the inbox skips events already handled).
 */
export class CreateDepartmentTasks1765100000000 implements MigrationInterface {
  name = 'CreateDepartmentTasks1765100000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE people.department_task (
      task_id uuid PRIMARY KEY,
      department text NOT NULL,
      case_id uuid,
      obligor_id uuid,
      status text NOT NULL DEFAULT 'OPEN' CONSTRAINT department_task_status_check CHECK (status IN ('OPEN', 'DONE', 'CANCELLED')),
      created_at timestamptz NOT NULL,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(
      `CREATE INDEX department_task_open_idx ON people.department_task (department) WHERE status = 'OPEN'`,
    );
    await qr.query(
      `CREATE INDEX department_task_obligor_idx ON people.department_task (obligor_id) WHERE obligor_id IS NOT NULL`,
    );
    await qr.query(
      `CREATE INDEX department_task_case_idx ON people.department_task (case_id) WHERE case_id IS NOT NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE people.department_task`);
  }
}
