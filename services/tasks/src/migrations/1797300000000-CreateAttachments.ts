import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to tasks, meetings and forms (proof of service, home-visit photos, signed forms).
 * A row is written PENDING when an upload is handed out and becomes STORED when the gateway reports
 * the file stored, with the hash and size it measured. The bytes live in the attachment storage, not
 * here. No existing rows change.
 */
export class CreateAttachments1797300000000 implements MigrationInterface {
  name = 'CreateAttachments1797300000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE tasks.attachment (
      id uuid NOT NULL CONSTRAINT attachment_pkey PRIMARY KEY,
      target_kind text NOT NULL CONSTRAINT attachment_target_kind_check CHECK (target_kind IN ('TASK', 'MEETING', 'WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION')),
      target_id uuid NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      status text NOT NULL CONSTRAINT attachment_status_check CHECK (status IN ('PENDING', 'STORED')),
      storage_key text NOT NULL,
      sha256 text,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      uploaded_at timestamptz
    )`);
    await qr.query(`CREATE INDEX attachment_target_idx ON tasks.attachment (target_kind, target_id, requested_at)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE tasks.attachment`);
  }
}
