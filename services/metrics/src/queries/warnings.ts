import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { sqlRows } from '@zhiyuan/db';
import {
  errors,
  instantIdCursor,
  isDivisionCode,
  pageArgs,
  requireSignedIn,
  toConnection,
  type PageArgs,
} from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { WarningEntity, WarningRuleEntity } from '../entities';
import {
  canReadDivisionWarnings,
  requireReadDivisionWarnings,
  requireReadWarningRules,
  warningsScope,
} from '../policy';
import type { Loaders } from './loaders';

/** A row of metrics.warning as PostgreSQL returns it (double precision as numbers). */
export interface WarningRow {
  id: string;
  rule_id: string;
  division_code: string;
  metric: string;
  status: 'OPEN' | 'RESOLVED';
  threshold: number;
  raised_value: number;
  last_value: number;
  raised_at: Date;
  last_checked_at: Date;
  resolved_at: Date | null;
  resolved_value: number | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  acknowledgement_note: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
  recovered_at: Date | null;
}

export function warningFromRow(r: WarningRow): WarningEntity {
  return Object.assign(new WarningEntity(), {
    id: r.id,
    ruleId: r.rule_id,
    divisionCode: r.division_code,
    metric: r.metric,
    status: r.status,
    threshold: r.threshold,
    raisedValue: r.raised_value,
    lastValue: r.last_value,
    raisedAt: r.raised_at,
    lastCheckedAt: r.last_checked_at,
    resolvedAt: r.resolved_at,
    resolvedValue: r.resolved_value,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at,
    acknowledgementNote: r.acknowledgement_note,
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
    recoveredAt: r.recovered_at,
  });
}

export async function listWarningRules(ds: DataSource, identity: Identity): Promise<WarningRuleEntity[]> {
  requireReadWarningRules(identity);
  return ds.getRepository(WarningRuleEntity).find({ order: { name: 'ASC' }, take: 500 });
}

const divisionCodeArgs = z.object({
  divisionCode: z.string().refine(isDivisionCode, 'a 6, 9 or 12 digit division code'),
});

/** Newest first, keyset-paginated on (raised at, id), within the divisions the caller may read. */
export async function listWarnings(
  ds: DataSource,
  identity: Identity,
  args: PageArgs & { status?: string | null; divisionCode?: string | null },
) {
  const { limit, after: rawAfter } = pageArgs(args);
  const after = instantIdCursor(rawAfter);
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.status) {
    params.push(args.status);
    where.push(`status = $${params.length}`);
  }
  const scope = warningsScope(
    identity,
    args.divisionCode ? parseInput(divisionCodeArgs, { divisionCode: args.divisionCode }).divisionCode : null,
  );
  if (scope) {
    params.push(scope);
    where.push(`division_code LIKE $${params.length} || '%'`);
  }
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(raised_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  const rows = await sqlRows<WarningRow>(
    ds,
    `SELECT * FROM metrics.warning ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return toConnection(rows.map(warningFromRow), limit, (w) => [w.raisedAt.toISOString(), w.id]);
}

/** One warning; FORBIDDEN when its division is outside the caller's scope, so its existence tells nothing more. */
export async function warningById(ds: DataSource, identity: Identity, id: string): Promise<WarningEntity | null> {
  requireSignedIn(identity);
  const { id: warningId } = parseInput(warningIdArgs, { id });
  const [row] = await sqlRows<WarningRow>(ds, `SELECT * FROM metrics.warning WHERE id = $1`, [warningId]);
  if (!row) return null;
  requireReadDivisionWarnings(identity, row.division_code);
  return warningFromRow(row);
}

const warningIdArgs = z.object({ id: z.uuid('a warning id') });

/** A division's warnings, none outside the divisions the caller may read. */
export async function warningsOfDivision(
  identity: Identity,
  loaders: Loaders,
  code: string,
  status: string | null | undefined,
): Promise<WarningEntity[]> {
  if (!canReadDivisionWarnings(identity, code)) return [];
  return loaders.warningsOf(status ?? '').load(code);
}

/** The rule a warning was raised under (every warning has one). */
export async function ruleOfWarning(loaders: Loaders, ruleId: string): Promise<WarningRuleEntity> {
  const rule = await loaders.warningRule.load(ruleId);
  if (!rule) throw errors.notFound('WarningRule', ruleId);
  return rule;
}
