import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full tasks model: assistance tasks with escalation, the local projections fed by case and
 * people events, the SMS ledger, meetings, forms and the collaboration tables.
 */
export class CreateTaskWorkTables1732500000000 implements MigrationInterface {
  name = 'CreateTaskWorkTables1732500000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE tasks.task
      ADD COLUMN obligor_id uuid,
      ADD COLUMN title text NOT NULL DEFAULT '',
      ADD COLUMN note text,
      ADD COLUMN assignee_id uuid,
      ADD COLUMN assignee_department text,
      ADD COLUMN origin text NOT NULL DEFAULT 'MANUAL' CHECK (origin IN ('AUTO', 'MANUAL')),
      ADD COLUMN rule_key text UNIQUE,
      ADD COLUMN result jsonb,
      ADD COLUMN cancel_reason text,
      ADD COLUMN created_by text,
      ADD COLUMN started_at timestamptz,
      ADD COLUMN completed_at timestamptz,
      ADD COLUMN overdue_at timestamptz,
      ADD COLUMN escalated_level text CHECK (escalated_level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')),
      ADD COLUMN escalated_at timestamptz,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL'))`,
    );
    // Lists: a division and everything under it (prefix), by due date.
    await qr.query(`CREATE INDEX task_division_prefix_idx ON tasks.task (division_code text_pattern_ops, due_at, id)`);
    await qr.query(`CREATE INDEX task_assignee_idx ON tasks.task (assignee_id, status, due_at)`);
    await qr.query(
      `CREATE INDEX task_department_idx ON tasks.task (assignee_department, status, due_at) WHERE assignee_department IS NOT NULL`,
    );
    await qr.query(`CREATE INDEX task_open_due_idx ON tasks.task (due_at) WHERE status IN ('OPEN', 'IN_PROGRESS')`);
    await qr.query(
      `CREATE INDEX task_overdue_idx ON tasks.task (overdue_at) WHERE overdue_at IS NOT NULL AND status IN ('OPEN', 'IN_PROGRESS')`,
    );
    await qr.query(`CREATE INDEX task_obligor_idx ON tasks.task (obligor_id)`);

    // Projections of other contexts (written only by event handlers).
    await qr.query(`CREATE TABLE tasks.case_ref (
      case_id uuid PRIMARY KEY,
      case_number text NOT NULL,
      court text,
      judge_id uuid,
      officer_id uuid,
      village_code text,
      township_code text,
      amount_owed_fen bigint NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
      closed_outcome text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX case_ref_open_village_idx ON tasks.case_ref (village_code) WHERE status = 'OPEN'`);
    await qr.query(`CREATE TABLE tasks.case_party (
      case_id uuid NOT NULL REFERENCES tasks.case_ref (case_id) ON DELETE CASCADE,
      party_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('OBLIGOR', 'OBLIGEE')),
      PRIMARY KEY (case_id, party_id, role)
    )`);
    await qr.query(`CREATE INDEX case_party_party_idx ON tasks.case_party (party_id)`);
    await qr.query(`CREATE TABLE tasks.party_ref (
      party_id uuid PRIMARY KEY,
      kind text NOT NULL,
      name text NOT NULL,
      phone text,
      home_division_code text NOT NULL,
      village_code text,
      township_code text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX party_ref_village_idx ON tasks.party_ref (village_code)`);
    await qr.query(`CREATE TABLE tasks.staff_ref (
      staff_id uuid PRIMARY KEY,
      name text NOT NULL,
      roles text[] NOT NULL,
      division_code text,
      phone text,
      department text,
      active boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX staff_ref_division_idx ON tasks.staff_ref (division_code) WHERE active`);

    // SMS ledger: a row is written QUEUED in the same transaction as the business change.
    await qr.query(`CREATE TABLE tasks.notification (
      id uuid PRIMARY KEY,
      dedupe_key text NOT NULL UNIQUE,
      case_id uuid,
      template text NOT NULL,
      recipient_role text NOT NULL,
      recipient_party_id uuid,
      recipient_staff_id uuid,
      recipient_division_code text,
      phone text,
      variables jsonb NOT NULL DEFAULT '{}',
      body text NOT NULL,
      status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'DELIVERED', 'FAILED')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      provider_message_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      delivered_at timestamptz,
      failed_at timestamptz
    )`);
    await qr.query(
      `CREATE INDEX notification_queued_idx ON tasks.notification (next_attempt_at) WHERE status = 'QUEUED'`,
    );
    await qr.query(`CREATE INDEX notification_case_idx ON tasks.notification (case_id, created_at)`);
    await qr.query(`CREATE INDEX notification_party_idx ON tasks.notification (recipient_party_id)`);

    await qr.query(`CREATE TABLE tasks.meeting (
      id uuid PRIMARY KEY,
      village_code text NOT NULL,
      township_code text,
      title text NOT NULL,
      venue text NOT NULL,
      scheduled_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'HELD', 'CANCELLED')),
      held_at timestamptz,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX meeting_village_idx ON tasks.meeting (village_code, scheduled_at, id)`);
    await qr.query(`CREATE TABLE tasks.meeting_invitee (
      meeting_id uuid NOT NULL REFERENCES tasks.meeting (id) ON DELETE CASCADE,
      party_id uuid NOT NULL,
      case_id uuid NOT NULL,
      attended boolean,
      outcome text CHECK (outcome IN ('PAID_IN_FULL', 'INSTALMENT_AGREED', 'DECLARATION_FILED', 'ABSENT', 'REFUSED')),
      amount_fen bigint,
      instalments jsonb,
      note text,
      recorded_at timestamptz,
      PRIMARY KEY (meeting_id, party_id, case_id)
    )`);
    await qr.query(`CREATE INDEX meeting_invitee_case_idx ON tasks.meeting_invitee (case_id)`);

    await qr.query(`CREATE TABLE tasks.form (
      id uuid PRIMARY KEY,
      form_type text NOT NULL CHECK (form_type IN ('WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION')),
      party_id uuid NOT NULL,
      case_id uuid,
      task_id uuid REFERENCES tasks.task (id),
      answers jsonb NOT NULL,
      summary jsonb NOT NULL,
      submitted_by text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX form_party_idx ON tasks.form (party_id, form_type, submitted_at)`);
    await qr.query(`CREATE INDEX form_task_idx ON tasks.form (task_id)`);

    await qr.query(`CREATE TABLE tasks.case_message (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      author_sub text NOT NULL,
      author_role text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX case_message_case_idx ON tasks.case_message (case_id, created_at)`);
    await qr.query(`CREATE TABLE tasks.case_message_read (
      case_id uuid NOT NULL,
      reader_sub text NOT NULL,
      last_read_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, reader_sub)
    )`);
    await qr.query(`CREATE TABLE tasks.obligor_plan (
      party_id uuid PRIMARY KEY,
      case_id uuid,
      approach text NOT NULL,
      next_steps jsonb NOT NULL DEFAULT '[]',
      owner_staff_id uuid,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE TABLE tasks.home_visit (
      id uuid PRIMARY KEY,
      party_id uuid NOT NULL,
      case_id uuid,
      visited_on date NOT NULL,
      visitor_sub text NOT NULL,
      summary text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX home_visit_party_idx ON tasks.home_visit (party_id, visited_on)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'home_visit',
      'obligor_plan',
      'case_message_read',
      'case_message',
      'form',
      'meeting_invitee',
      'meeting',
      'notification',
      'staff_ref',
      'party_ref',
      'case_party',
      'case_ref',
    ]) {
      await qr.query(`DROP TABLE tasks.${t}`);
    }
    for (const i of [
      'task_division_prefix_idx',
      'task_assignee_idx',
      'task_department_idx',
      'task_open_due_idx',
      'task_overdue_idx',
      'task_obligor_idx',
    ]) {
      await qr.query(`DROP INDEX tasks.${i}`);
    }
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check,
      DROP COLUMN obligor_id, DROP COLUMN title, DROP COLUMN note, DROP COLUMN assignee_id, DROP COLUMN assignee_department,
      DROP COLUMN origin, DROP COLUMN rule_key, DROP COLUMN result, DROP COLUMN cancel_reason, DROP COLUMN created_by,
      DROP COLUMN started_at, DROP COLUMN completed_at, DROP COLUMN overdue_at, DROP COLUMN escalated_level,
      DROP COLUMN escalated_at, DROP COLUMN updated_at`);
  }
}
