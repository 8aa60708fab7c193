import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Obligors coming forward online (主动履行): one row per proposal (pay now, instalments, a settlement,
 * a grace period) with the rights holder's answer and the court's decision. At most one open
 * proposal per obligor and case. Adds the CONFIRM_PAYMENT task type: a declared payment at the village
 * becomes a task for the officer to confirm and record it. No existing rows change.
 */
export class CreateProposals1797400000000 implements MigrationInterface {
  name = 'CreateProposals1797400000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE tasks.proposal (
      id uuid NOT NULL CONSTRAINT proposal_pkey PRIMARY KEY,
      case_id uuid NOT NULL,
      obligor_id uuid NOT NULL,
      intent text NOT NULL CONSTRAINT proposal_intent_check CHECK (intent IN ('PAY_NOW', 'PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE')),
      status text NOT NULL CONSTRAINT proposal_status_check CHECK (status IN ('SUBMITTED', 'CONSENTED', 'DECLINED', 'ACCEPTED', 'REJECTED', 'EXPIRED')),
      amount_fen bigint,
      paid_on date,
      terms text,
      instalments jsonb,
      grace_months integer,
      grace_reasons text,
      declaration_form_id uuid,
      task_id uuid,
      obligee_id uuid,
      answer text CONSTRAINT proposal_answer_check CHECK (answer IN ('ACCEPT', 'DECLINE')),
      answer_reason text,
      answered_at timestamptz,
      decision text CONSTRAINT proposal_decision_check CHECK (decision IN ('ACCEPT', 'REJECT')),
      decision_reason text,
      grace_reason_code text,
      decided_by text,
      decided_at timestamptz,
      submitted_by text NOT NULL,
      submitted_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      expired_at timestamptz,
      updated_at timestamptz NOT NULL
    )`);
    await qr.query(`CREATE INDEX proposal_case_idx ON tasks.proposal (case_id, submitted_at)`);
    await qr.query(
      `CREATE UNIQUE INDEX proposal_one_open_idx ON tasks.proposal (case_id, obligor_id) WHERE status IN ('SUBMITTED', 'CONSENTED')`,
    );
    await qr.query(
      `CREATE INDEX proposal_open_expiry_idx ON tasks.proposal (expires_at) WHERE status IN ('SUBMITTED', 'CONSENTED')`,
    );
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL', 'CONFIRM_PAYMENT'))`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM tasks.task WHERE type = 'CONFIRM_PAYMENT'`);
    await qr.query(`ALTER TABLE tasks.task DROP CONSTRAINT task_type_check`);
    await qr.query(
      `ALTER TABLE tasks.task ADD CONSTRAINT task_type_check CHECK (type IN ('LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL'))`,
    );
    await qr.query(`DROP TABLE tasks.proposal`);
  }
}
