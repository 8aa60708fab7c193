import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replaces the placeholder case table with the full model: cases, payments, settlements, timeline, projections. */
export class CreateCaseTables1764028800000 implements MigrationInterface {
  name = 'CreateCaseTables1764028800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE cases."case"`);
    await qr.query(`CREATE TABLE cases."case" (
      id uuid PRIMARY KEY,
      case_number text NOT NULL UNIQUE,
      enforcement_number text UNIQUE,
      court text NOT NULL,
      cause_code text NOT NULL,
      cause_category text NOT NULL,
      judge_id uuid,
      officer_id uuid,
      effective_date date NOT NULL,
      performance_deadline date,
      obligor_ids uuid[] NOT NULL CHECK (cardinality(obligor_ids) >= 1),
      obligee_ids uuid[] NOT NULL CHECK (cardinality(obligee_ids) >= 1),
      principal_fen bigint NOT NULL CHECK (principal_fen >= 0),
      interest_fen bigint NOT NULL CHECK (interest_fen >= 0),
      costs_fen bigint NOT NULL CHECK (costs_fen >= 0),
      amount_owed_fen bigint NOT NULL CHECK (amount_owed_fen = principal_fen + interest_fen + costs_fen),
      amount_applied_fen bigint CHECK (amount_applied_fen >= 0),
      paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= amount_owed_fen),
      state text NOT NULL,
      outcome text,
      village_code text,
      township_code text,
      urged boolean NOT NULL DEFAULT false,
      urging_started_at timestamptz,
      urging_deadline date,
      urging_ended_at timestamptz,
      urging_end_reason text,
      filed_at timestamptz,
      needs_service boolean NOT NULL DEFAULT false,
      closed_at timestamptz,
      next_research_due date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // One index per filter offered by the list queries; lists order by (effective_date DESC, id DESC).
    await qr.query(`CREATE INDEX case_order_idx ON cases."case" (effective_date DESC, id DESC)`);
    await qr.query(`CREATE INDEX case_village_idx ON cases."case" (village_code, effective_date DESC, id DESC)`);
    await qr.query(`CREATE INDEX case_township_idx ON cases."case" (township_code, effective_date DESC, id DESC)`);
    await qr.query(`CREATE INDEX case_state_idx ON cases."case" (state)`);
    await qr.query(`CREATE INDEX case_cause_idx ON cases."case" (cause_code)`);
    await qr.query(`CREATE INDEX case_cause_category_idx ON cases."case" (cause_category)`);
    await qr.query(`CREATE INDEX case_judge_idx ON cases."case" (judge_id, effective_date DESC, id DESC)`);
    await qr.query(`CREATE INDEX case_officer_idx ON cases."case" (officer_id, effective_date DESC, id DESC)`);
    await qr.query(`CREATE INDEX case_obligors_idx ON cases."case" USING gin (obligor_ids)`);
    await qr.query(`CREATE INDEX case_obligees_idx ON cases."case" USING gin (obligee_ids)`);
    await qr.query(`CREATE INDEX case_outstanding_idx ON cases."case" ((amount_owed_fen - paid_fen))`);
    await qr.query(`CREATE INDEX case_deadline_idx ON cases."case" (performance_deadline) WHERE closed_at IS NULL`);
    await qr.query(`CREATE INDEX case_urging_deadline_idx ON cases."case" (urging_deadline) WHERE state = 'URGING'`);
    await qr.query(
      `CREATE INDEX case_primary_obligor_open_idx ON cases."case" ((obligor_ids[1])) WHERE closed_at IS NULL`,
    );

    await qr.query(`CREATE TABLE cases.performance (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases."case"(id),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      paid_on date NOT NULL,
      channel text NOT NULL,
      source text NOT NULL,
      external_ref text UNIQUE,
      recorded_by text NOT NULL,
      outstanding_after_fen bigint NOT NULL CHECK (outstanding_after_fen >= 0),
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX performance_case_idx ON cases.performance (case_id, recorded_at)`);

    await qr.query(`CREATE TABLE cases.settlement (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases."case"(id),
      kind text NOT NULL,
      terms text NOT NULL,
      total_fen bigint NOT NULL CHECK (total_fen > 0),
      paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= total_fen),
      status text NOT NULL,
      agreed_by text NOT NULL,
      agreed_at timestamptz NOT NULL
    )`);
    await qr.query(`CREATE INDEX settlement_case_idx ON cases.settlement (case_id, agreed_at)`);
    await qr.query(
      `CREATE UNIQUE INDEX settlement_one_active_idx ON cases.settlement (case_id) WHERE status = 'ACTIVE'`,
    );
    await qr.query(`CREATE TABLE cases.instalment (
      id uuid PRIMARY KEY,
      settlement_id uuid NOT NULL REFERENCES cases.settlement(id),
      case_id uuid NOT NULL REFERENCES cases."case"(id),
      no int NOT NULL CHECK (no > 0),
      due_date date NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= amount_fen),
      status text NOT NULL,
      missed_at timestamptz,
      UNIQUE (settlement_id, no)
    )`);
    await qr.query(`CREATE INDEX instalment_due_idx ON cases.instalment (due_date) WHERE status = 'DUE'`);

    await qr.query(`CREATE TABLE cases.case_timeline (
      seq bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases."case"(id),
      kind text NOT NULL,
      actor text NOT NULL,
      at timestamptz NOT NULL,
      summary text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'
    )`);
    await qr.query(`CREATE INDEX case_timeline_case_idx ON cases.case_timeline (case_id, seq)`);

    await qr.query(`CREATE TABLE cases.party_route (
      party_id uuid PRIMARY KEY,
      home_division_code text NOT NULL,
      village_code text,
      township_code text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE TABLE cases.staff_member (
      staff_id uuid PRIMARY KEY,
      name text NOT NULL,
      roles text[] NOT NULL,
      division_code text,
      active boolean NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(
      `CREATE INDEX staff_member_officer_idx ON cases.staff_member (division_code, registered_at) WHERE active AND 'ENFORCEMENT_OFFICER' = ANY(roles)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'staff_member',
      'party_route',
      'case_timeline',
      'instalment',
      'settlement',
      'performance',
      '"case"',
    ])
      await qr.query(`DROP TABLE cases.${t}`);
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
  }
}
