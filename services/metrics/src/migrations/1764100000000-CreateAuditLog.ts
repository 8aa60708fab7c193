import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log: every subgraph's audit.entry.recorded events, append-only (a trigger refuses UPDATE and DELETE). */
export class CreateAuditLog1764100000000 implements MigrationInterface {
  name = 'CreateAuditLog1764100000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE metrics.audit_log (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      roles text[] NOT NULL,
      ip text,
      service text NOT NULL,
      action text NOT NULL,
      operation text NOT NULL,
      target_kind text,
      target_id text,
      outcome text NOT NULL,
      error_code text,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX audit_log_at_idx ON metrics.audit_log (at DESC, id DESC)`);
    await qr.query(`CREATE INDEX audit_log_actor_idx ON metrics.audit_log (actor, at DESC)`);
    await qr.query(`CREATE INDEX audit_log_target_idx ON metrics.audit_log (target_id, at DESC)`);
    await qr.query(`CREATE INDEX audit_log_action_idx ON metrics.audit_log (action, service, at DESC)`);
    await qr.query(`CREATE FUNCTION metrics.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$`);
    await qr.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON metrics.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION metrics.audit_log_append_only()`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE metrics.audit_log`);
    await qr.query(`DROP FUNCTION metrics.audit_log_append_only()`);
  }
}
