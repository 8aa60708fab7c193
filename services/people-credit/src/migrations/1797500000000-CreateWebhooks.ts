import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions of the partner departments and their deliveries, an outbox of its own: a
 * delivery row is written in the transaction that records the credit-link change, and the
 * deliverer (schedules/deliver-webhooks.ts) POSTs it, retries it and dead-letters it. Secrets are
 * stored encrypted (AES-256-GCM); during a rotation the previous one stays until its overlap ends.
 * Nothing to backfill: changes recorded before this migration reach a webhook only by a replay.
 */
export class CreateWebhooks1797500000000 implements MigrationInterface {
  name = 'CreateWebhooks1797500000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE people.webhook (
      id uuid PRIMARY KEY,
      department text NOT NULL,
      url text NOT NULL,
      events text[] NOT NULL,
      status text NOT NULL DEFAULT 'ACTIVE' CONSTRAINT webhook_status_check CHECK (status IN ('ACTIVE', 'PAUSED')),
      secret_encrypted text NOT NULL,
      previous_secret_encrypted text,
      previous_secret_until timestamptz,
      secret_rotated_at timestamptz,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX webhook_department_idx ON people.webhook (department)`);
    await qr.query(`CREATE TABLE people.webhook_delivery (
      id uuid PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      webhook_id uuid NOT NULL CONSTRAINT webhook_delivery_webhook_id_fkey REFERENCES people.webhook (id),
      change_id uuid NOT NULL CONSTRAINT webhook_delivery_change_id_fkey REFERENCES people.credit_link_change (id),
      party_id uuid NOT NULL,
      event_type text NOT NULL,
      changed_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'PENDING' CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      give_up_at timestamptz,
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      dead_at timestamptz,
      replays integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      CONSTRAINT webhook_delivery_change_uq UNIQUE (webhook_id, change_id)
    )`);
    // The head of each obligor's line, and the deliveries that are due.
    await qr.query(
      `CREATE INDEX webhook_delivery_line_idx ON people.webhook_delivery (webhook_id, party_id, changed_at, seq) WHERE status = 'PENDING'`,
    );
    await qr.query(
      `CREATE INDEX webhook_delivery_due_idx ON people.webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await qr.query(`CREATE INDEX webhook_delivery_list_idx ON people.webhook_delivery (webhook_id, created_at, id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE people.webhook_delivery`);
    await qr.query(`DROP TABLE people.webhook`);
  }
}
