import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the changes a partner acknowledged by acking its JetStream delivery have been read: per
 * durable consumer, the last stream sequence read at or below its ack floor, with the creation
 * times of the stream and the consumer (a recreated one starts again from the beginning).
 */
export class AddPartnerAckCursor1764900000000 implements MigrationInterface {
  name = 'AddPartnerAckCursor1764900000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE people.partner_ack_cursor (
      durable text PRIMARY KEY,
      department text NOT NULL,
      stream_created timestamptz NOT NULL,
      consumer_created timestamptz NOT NULL,
      stream_seq bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE people.partner_ack_cursor`);
  }
}
