import type { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service has in its own schema; called from the service's first
 * migration so they live and migrate with it.
 */
export async function createMessagingTables(qr: QueryRunner, schema: string): Promise<void> {
  await qr.query(`
    CREATE TABLE "${schema}".outbox_message (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      type text NOT NULL,
      key text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await qr.query(
    `CREATE INDEX outbox_message_unpublished_idx ON "${schema}".outbox_message (seq) WHERE published_at IS NULL`,
  );
  await qr.query(`
    CREATE TABLE "${schema}".inbox_message (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(qr: QueryRunner, schema: string): Promise<void> {
  await qr.query(`DROP TABLE IF EXISTS "${schema}".inbox_message`);
  await qr.query(`DROP TABLE IF EXISTS "${schema}".outbox_message`);
}
