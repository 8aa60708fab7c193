import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Party details, staff accounts, the case projection, capacity profiles, listings and credit links. */
export class AddPartiesStaffAndCredit1732500000000 implements MigrationInterface {
  name = 'AddPartiesStaffAndCredit1732500000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE INDEX division_name_idx ON people.division (name text_pattern_ops)`);
    await qr.query(`CREATE INDEX division_level_idx ON people.division (level, code)`);

    await qr.query(`ALTER TABLE people.party
      ADD COLUMN birth_date date,
      ADD COLUMN gender text CHECK (gender IN ('MALE', 'FEMALE')),
      ADD COLUMN phone text,
      ADD COLUMN address text,
      ADD COLUMN legal_representative text,
      ADD COLUMN disability boolean NOT NULL DEFAULT false,
      ADD COLUMN serious_illness boolean NOT NULL DEFAULT false,
      ADD COLUMN low_income boolean NOT NULL DEFAULT false,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await qr.query(`CREATE INDEX party_name_idx ON people.party (name text_pattern_ops)`);
    await qr.query(`CREATE INDEX party_created_idx ON people.party (created_at, id)`);

    await qr.query(`ALTER TABLE people.staff
      ADD COLUMN phone text,
      ADD COLUMN department text,
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    // One fixed enforcement officer per township (the rule cases relies on to route a filed case).
    await qr.query(
      `CREATE UNIQUE INDEX staff_one_officer_per_township_idx ON people.staff (division_code) WHERE active AND 'ENFORCEMENT_OFFICER' = ANY (roles)`,
    );
    await qr.query(`CREATE INDEX staff_roles_idx ON people.staff USING gin (roles)`);

    await qr.query(`CREATE TABLE people.case_projection (
      case_id uuid PRIMARY KEY,
      case_number text,
      court text,
      obligor_ids uuid[] NOT NULL,
      obligee_ids uuid[] NOT NULL DEFAULT '{}',
      amount_owed_fen bigint,
      outstanding_fen bigint,
      village_code text,
      township_code text,
      closed_at timestamptz,
      outcome text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX case_projection_obligors_idx ON people.case_projection USING gin (obligor_ids)`);

    await qr.query(`CREATE TABLE people.profile_input (
      id uuid PRIMARY KEY,
      party_id uuid NOT NULL REFERENCES people.party(id),
      kind text NOT NULL CHECK (kind IN ('PAYMENT', 'MISSED_INSTALMENT', 'PROPERTY_DECLARATION', 'WHEREABOUTS_FEEDBACK')),
      case_id uuid,
      data jsonb NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL
    )`);
    await qr.query(`CREATE INDEX profile_input_party_idx ON people.profile_input (party_id, kind, recorded_at)`);

    await qr.query(`CREATE TABLE people.credit_profile (
      id uuid PRIMARY KEY,
      party_id uuid NOT NULL REFERENCES people.party(id),
      classification text NOT NULL CHECK (classification IN ('COMPLIANT', 'HONEST_IN_DIFFICULTY', 'UNABLE', 'EVASIVE')),
      reason_codes text[] NOT NULL,
      grace_until date,
      overridden boolean NOT NULL DEFAULT false,
      override_reason text,
      classified_by text NOT NULL,
      classified_at timestamptz NOT NULL,
      seq bigserial
    )`);
    await qr.query(`CREATE INDEX credit_profile_party_idx ON people.credit_profile (party_id, seq DESC)`);

    await qr.query(`CREATE TABLE people.dishonest_listing (
      id uuid PRIMARY KEY,
      party_id uuid NOT NULL REFERENCES people.party(id),
      case_id uuid NOT NULL,
      ground text NOT NULL,
      status text NOT NULL CHECK (status IN ('ACTIVE', 'REMOVED')),
      measures text[] NOT NULL,
      listed_at timestamptz NOT NULL,
      expires_at timestamptz,
      extension_years int,
      extension_reason text,
      applicant_party_id uuid,
      listed_by text NOT NULL,
      village_code text,
      township_code text,
      removed_at timestamptz,
      removal_ground text,
      removal_requested_by uuid,
      removal_note text
    )`);
    await qr.query(
      `CREATE UNIQUE INDEX listing_one_active_per_case_idx ON people.dishonest_listing (party_id, case_id) WHERE status = 'ACTIVE'`,
    );
    await qr.query(`CREATE INDEX listing_party_idx ON people.dishonest_listing (party_id)`);
    await qr.query(`CREATE INDEX listing_case_idx ON people.dishonest_listing (case_id)`);
    await qr.query(
      `CREATE INDEX listing_village_idx ON people.dishonest_listing (village_code, listed_at, id) WHERE status = 'ACTIVE'`,
    );
    await qr.query(
      `CREATE INDEX listing_township_idx ON people.dishonest_listing (township_code, listed_at, id) WHERE status = 'ACTIVE'`,
    );
    await qr.query(`CREATE INDEX listing_status_idx ON people.dishonest_listing (status, listed_at, id)`);
    await qr.query(`CREATE INDEX listing_expiry_idx ON people.dishonest_listing (expires_at) WHERE status = 'ACTIVE'`);
    await qr.query(
      `CREATE INDEX listing_removal_request_idx ON people.dishonest_listing (party_id, removal_requested_by, removed_at) WHERE removal_ground = 'RIGHTS_HOLDER_REQUEST'`,
    );

    await qr.query(`CREATE TABLE people.credit_link (
      party_id uuid NOT NULL REFERENCES people.party(id),
      department text NOT NULL,
      status text NOT NULL CHECK (status IN ('RESTRICTED', 'CLEAR')),
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (party_id, department)
    )`);
    await qr.query(`CREATE TABLE people.credit_link_change (
      id uuid PRIMARY KEY,
      party_id uuid NOT NULL REFERENCES people.party(id),
      department text NOT NULL,
      status text NOT NULL,
      reason text NOT NULL,
      listing_ids uuid[] NOT NULL,
      changed_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by text,
      overdue_reported_at timestamptz
    )`);
    await qr.query(
      `CREATE INDEX link_change_party_idx ON people.credit_link_change (party_id, department, changed_at)`,
    );
    await qr.query(
      `CREATE INDEX link_change_unacked_idx ON people.credit_link_change (department, changed_at, id) WHERE acknowledged_at IS NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'credit_link_change',
      'credit_link',
      'dishonest_listing',
      'credit_profile',
      'profile_input',
      'case_projection',
    ])
      await qr.query(`DROP TABLE people.${t}`);
    await qr.query(`DROP INDEX people.staff_roles_idx`);
    await qr.query(`DROP INDEX people.staff_one_officer_per_township_idx`);
    await qr.query(
      `ALTER TABLE people.staff DROP COLUMN phone, DROP COLUMN department, DROP COLUMN active, DROP COLUMN created_at`,
    );
    await qr.query(`DROP INDEX people.party_created_idx`);
    await qr.query(`DROP INDEX people.party_name_idx`);
    await qr.query(`ALTER TABLE people.party DROP COLUMN birth_date, DROP COLUMN gender, DROP COLUMN phone, DROP COLUMN address, DROP COLUMN legal_representative,
      DROP COLUMN disability, DROP COLUMN serious_illness, DROP COLUMN low_income, DROP COLUMN updated_at`);
    await qr.query(`DROP INDEX people.division_level_idx`);
    await qr.query(`DROP INDEX people.division_name_idx`);
  }
}
