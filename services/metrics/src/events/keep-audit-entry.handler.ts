import { defineHandler } from '@zhiyuan/db';

/** Every audit entry of every subgraph is kept once, in the append-only audit log. */
export const keepAuditEntry = defineHandler({
  name: 'keep-audit-entry',
  subject: 'audit.entry.recorded',
  handle: async (event, manager) => {
    const p = event.payload;
    await manager.query(
      `INSERT INTO metrics.audit_log (id, at, actor, roles, ip, service, action, operation, target_kind, target_id, outcome, error_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [event.id, p.at, p.actor, p.roles, p.ip, p.service, p.action, p.operation, p.targetKind, p.targetId, p.outcome, p.errorCode],
    );
  },
});
