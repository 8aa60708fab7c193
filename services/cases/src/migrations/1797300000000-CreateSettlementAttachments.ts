import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to settlements (the signed 执行和解协议, the instalment plan as signed). A row is
 * PENDING while its upload is out and STORED once the gateway reports the file stored, with the hash
 * and size it measured; the bytes live in the attachment storage. No existing rows change.
 */
export class CreateSettlementAttachments1797300000000 implements MigrationInterface {
  name = 'CreateSettlementAttachments1797300000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE cases.settlement_attachment (
      id uuid NOT NULL CONSTRAINT settlement_attachment_pkey PRIMARY KEY,
      settlement_id uuid NOT NULL CONSTRAINT settlement_attachment_settlement_id_fkey REFERENCES cases.settlement (id),
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      status text NOT NULL CONSTRAINT settlement_attachment_status_check CHECK (status IN ('PENDING', 'STORED')),
      storage_key text NOT NULL,
      sha256 text,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      uploaded_at timestamptz
    )`);
    await qr.query(
      `CREATE INDEX settlement_attachment_settlement_idx ON cases.settlement_attachment (settlement_id, requested_at)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE cases.settlement_attachment`);
  }
}
