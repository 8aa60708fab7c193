import { z } from 'zod';
import type { DataSource } from 'typeorm';
import type { Identity } from '@zhiyuan/auth';
import { sqlRows } from '@zhiyuan/db';
import { AUDIT_ACTIONS, type AuditAction } from '@zhiyuan/events';
import { instantIdCursor, isoInstantSchema, pageArgs, toConnection, type PageArgs } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { requireAdmin } from '../policy';

export interface AuditEntryModel {
  id: string;
  at: string;
  actor: string;
  roles: string[];
  ip: string | null;
  service: string;
  action: AuditAction;
  operation: string;
  targetKind: string | null;
  targetId: string | null;
  outcome: 'OK' | 'ERROR';
  errorCode: string | null;
  changes: { field: string; before: unknown; after: unknown }[] | null;
  detail: Record<string, unknown> | null;
}

const filterSchema = z
  .object({
    actor: z.string().max(200).nullish(),
    action: z.enum(AUDIT_ACTIONS).nullish(),
    service: z.string().max(50).nullish(),
    targetId: z.string().max(200).nullish(),
    from: isoInstantSchema.nullish(),
    to: isoInstantSchema.nullish(),
  })
  .nullish();

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  roles: string[];
  ip: string | null;
  service: string;
  action: AuditEntryModel['action'];
  operation: string;
  target_kind: string | null;
  target_id: string | null;
  outcome: AuditEntryModel['outcome'];
  error_code: string | null;
  changes: AuditEntryModel['changes'];
  detail: AuditEntryModel['detail'];
}

/** Newest first, keyset-paginated on (at, id); every filter has an index. */
export async function loadAuditLog(ds: DataSource, identity: Identity, filter: unknown, page: PageArgs) {
  requireAdmin(identity);
  const f = parseInput(filterSchema, filter) ?? {};
  const { limit, after: rawAfter } = pageArgs(page);
  const after = instantIdCursor(rawAfter);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.actor) add('actor = ?', f.actor);
  if (f.action) add('action = ?', f.action);
  if (f.service) add('service = ?', f.service);
  if (f.targetId) add('target_id = ?', f.targetId);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  const rows = await sqlRows<AuditRow>(
    ds,
    `SELECT id, at, actor, roles, ip, service, action, operation, target_kind, target_id, outcome, error_code, changes, detail
       FROM metrics.audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const entries: AuditEntryModel[] = rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    roles: r.roles,
    ip: r.ip,
    service: r.service,
    action: r.action,
    operation: r.operation,
    targetKind: r.target_kind,
    targetId: r.target_id,
    outcome: r.outcome,
    errorCode: r.error_code,
    changes: r.changes,
    detail: r.detail,
  }));
  return toConnection(entries, limit, (e) => [e.at, e.id]);
}
