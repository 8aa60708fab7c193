import { defineHandler, sqlExec } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';

type AuditEntry = EventEnvelope<'audit.entry.recorded'>;

/** The audit entries of one transaction (one event's, or a batch's) in one statement. */
async function keepEntries(entries: AuditEntry[], m: EntityManager): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map(({ id, payload: p }) => ({
    id,
    at: p.at,
    actor: p.actor,
    roles: p.roles,
    ip: p.ip,
    service: p.service,
    action: p.action,
    operation: p.operation,
    target_kind: p.targetKind,
    target_id: p.targetId,
    outcome: p.outcome,
    error_code: p.errorCode,
    changes: p.changes?.length ? p.changes : null,
    detail: p.detail ?? null,
  }));
  await sqlExec(
    m,
    `INSERT INTO metrics.audit_log (id, at, actor, roles, ip, service, action, operation, target_kind, target_id, outcome, error_code,
       changes, detail)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, at timestamptz, actor text, roles text[], ip text, service text, action text,
       operation text, target_kind text, target_id text, outcome text, error_code text, changes jsonb, detail jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** Every audit entry of every subgraph is kept once, in the append-only audit log. */
export const keepAuditEntry = defineHandler({
  name: 'keep-audit-entry',
  subject: 'audit.entry.recorded',
  handle: async (event, _manager, _emit, tx) => {
    tx.shared('metrics.audit-entries', () => [] as AuditEntry[], keepEntries).push(event);
  },
});
