import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Party sign-in (docs/access.md): the one-time codes (hashed), every code request and sign-in
 * attempt (the rate limits count them, and they are the sign-in record), the SMS ledger of
 * people-credit's own messages (the code itself is never stored, only a redacted body), and the
 * refresh sessions (hashed, in rotation families). Parties are found by the digits of their phone,
 * so the expression index makes that lookup an index scan. Existing rows are unchanged.
 */
export class CreatePartySignIn1797300000000 implements MigrationInterface {
  name = 'CreatePartySignIn1797300000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `CREATE INDEX party_phone_digits_idx ON people.party ((regexp_replace(phone, '[^0-9]', '', 'g'))) WHERE phone IS NOT NULL`,
    );
    await qr.query(`CREATE TABLE people.sign_in_code (
      id uuid PRIMARY KEY,
      party_id uuid NOT NULL CONSTRAINT sign_in_code_party_id_fkey REFERENCES people.party(id),
      phone text NOT NULL,
      code_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX sign_in_code_phone_idx ON people.sign_in_code (phone, created_at)`);
    await qr.query(`CREATE TABLE people.sign_in_attempt (
      id uuid PRIMARY KEY,
      kind text NOT NULL CONSTRAINT sign_in_attempt_kind_check CHECK (kind IN ('CODE_REQUESTED', 'SIGN_IN')),
      phone text NOT NULL,
      ip text,
      party_id uuid,
      outcome text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX sign_in_attempt_phone_idx ON people.sign_in_attempt (phone, at)`);
    await qr.query(`CREATE INDEX sign_in_attempt_ip_idx ON people.sign_in_attempt (ip, at) WHERE ip IS NOT NULL`);
    await qr.query(`CREATE TABLE people.sms_message (
      id uuid PRIMARY KEY,
      template text NOT NULL,
      recipient_party_id uuid,
      phone text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'QUEUED' CONSTRAINT sms_message_status_check CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      provider_message_id text,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      failed_at timestamptz
    )`);
    await qr.query(`CREATE INDEX sms_message_queued_idx ON people.sms_message (created_at) WHERE status = 'QUEUED'`);
    await qr.query(`CREATE TABLE people.party_session (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL,
      party_id uuid NOT NULL CONSTRAINT party_session_party_id_fkey REFERENCES people.party(id),
      token_hash text NOT NULL CONSTRAINT party_session_token_hash_key UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      rotated_at timestamptz,
      revoked_at timestamptz,
      revoked_reason text
    )`);
    await qr.query(`CREATE INDEX party_session_family_idx ON people.party_session (family_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE people.party_session`);
    await qr.query(`DROP TABLE people.sms_message`);
    await qr.query(`DROP TABLE people.sign_in_attempt`);
    await qr.query(`DROP TABLE people.sign_in_code`);
    await qr.query(`DROP INDEX people.party_phone_digits_idx`);
  }
}
