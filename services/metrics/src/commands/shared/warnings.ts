import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addDays } from '@zhiyuan/kernel';
import { sqlRow, sqlRows, type Emit } from '@zhiyuan/db';
import { holds, type WarningRuleRow, type WarningScope } from '../../domain/warnings';
import { snapshotSums } from '../../projection/aggregates';
import { queryPrepared } from '../../projection/prepared';
import { dayIn, levelOf, type ProjectionSettings } from '../../projection/settings';

/** The value of a rule's metric for each division, as of `now`; null where it is not defined (no data). */
export async function metricValues(
  m: EntityManager,
  rule: WarningRuleRow,
  codes: string[],
  now: Date,
  s: ProjectionSettings,
): Promise<Map<string, number | null>> {
  const values = new Map<string, number | null>(codes.map((c) => [c, null]));
  if (!codes.length) return values;
  const today = dayIn(now, s.timeZone);
  const from = addDays(today, -(rule.window_days - 1));
  const num = (v: unknown) => Number(v);
  switch (rule.metric) {
    case 'COMPLETION_RATE':
    case 'ACTUAL_ENFORCEMENT_RATE': {
      const rows = await queryPrepared<{ code: string; closed: string; good: string }>(
        m,
        `SELECT division_code AS code, sum(closed_cases) AS closed,
                sum(${rule.metric === 'COMPLETION_RATE' ? 'completed_cases' : 'completed_cases + performed_after_urging + settled_cases'}) AS good
         FROM metrics.division_daily WHERE division_code = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY division_code`,
        [codes, from, today],
      );
      for (const r of rows) values.set(r.code, num(r.closed) > 0 ? num(r.good) / num(r.closed) : null);
      return values;
    }
    case 'OVERDUE_TASKS':
    case 'DISHONESTY_RATE': {
      const snaps = await snapshotSums(m, codes);
      for (const [code, r] of snaps)
        values.set(
          code,
          rule.metric === 'OVERDUE_TASKS'
            ? r.overdue_tasks
            : r.obligors_with_open_cases > 0
              ? r.listed_obligors / r.obligors_with_open_cases
              : null,
        );
      return values;
    }
    case 'LISTINGS_RISING': {
      // Listings added in the window minus those added in the window before it.
      const rows = await queryPrepared<{ code: string; recent: string; before: string }>(
        m,
        `SELECT division_code AS code,
                COALESCE(sum(listings_added) FILTER (WHERE day >= $2), 0) AS recent,
                COALESCE(sum(listings_added) FILTER (WHERE day < $2), 0) AS before
         FROM metrics.division_daily WHERE division_code = ANY($1) AND day BETWEEN $3 AND $4 GROUP BY division_code`,
        [codes, from, addDays(from, -rule.window_days), today],
      );
      for (const r of rows) values.set(r.code, num(r.recent) - num(r.before));
      return values;
    }
    case 'PARTNER_ACKS_OVERDUE': {
      const [r] = await queryPrepared<{ n: number }>(
        m,
        `SELECT count(*)::int AS n FROM metrics.partner_change_fact WHERE overdue AND acknowledged_at IS NULL`,
        [],
      );
      for (const c of codes) values.set(c, r!.n);
      return values;
    }
    default:
      return values;
  }
}

/**
 * Evaluates the enabled warning rules for every known division, or only for the metrics and
 * divisions of a scope (after an event): a warning is raised once when its condition starts to
 * hold, kept open (its last value updated) while it holds, and resolved when it clears. Running it
 * twice changes nothing the second time. A warning resolved by hand keeps its rule quiet in its
 * division until the metric has recovered once.
 */
export async function evaluateWarnings(
  m: EntityManager,
  emit: Emit,
  now: Date,
  s: ProjectionSettings,
  scope?: WarningScope,
): Promise<{ raised: number; resolved: number }> {
  const rules: WarningRuleRow[] = scope
    ? await queryPrepared(
        m,
        `SELECT id, metric, comparison, threshold, division_level, window_days FROM metrics.warning_rule WHERE enabled AND metric = ANY($1) ORDER BY id`,
        [[...scope.keys()]],
      )
    : await sqlRows<WarningRuleRow>(
        m,
        `SELECT id, metric, comparison, threshold, division_level, window_days FROM metrics.warning_rule WHERE enabled ORDER BY id`,
      );
  let raised = 0;
  let resolved = 0;
  for (const rule of rules) {
    const codes: string[] = scope
      ? [...(scope.get(rule.metric) ?? [])].filter((c) => levelOf(c) === rule.division_level).sort()
      : (
          await sqlRows<{ code: string }>(m, `SELECT code FROM metrics.division_seen WHERE level = $1 ORDER BY code`, [
            rule.division_level,
          ])
        ).map((r) => r.code);
    if (!codes.length) continue;
    const values = await metricValues(m, rule, codes, now, s);
    const open = await queryPrepared<{ id: string; division_code: string }>(
      m,
      `SELECT id, division_code FROM metrics.warning WHERE rule_id = $1 AND status = 'OPEN' AND division_code = ANY($2) ORDER BY division_code FOR UPDATE`,
      [rule.id, codes],
    );
    const openBy = new Map(open.map((w) => [w.division_code, w.id]));
    // Divisions where a warning of this rule was resolved by hand and the metric has not recovered
    // since: the rule stays quiet there (docs/adr/0015-hand-resolved-warnings.md).
    const quiet = new Set(
      (
        await queryPrepared<{ division_code: string }>(
          m,
          `SELECT DISTINCT division_code FROM metrics.warning WHERE rule_id = $1 AND resolved_by IS NOT NULL AND recovered_at IS NULL AND division_code = ANY($2)`,
          [rule.id, codes],
        )
      ).map((r) => r.division_code),
    );
    for (const code of codes) {
      const value = values.get(code) ?? null;
      const on = holds(value, rule.comparison, rule.threshold);
      const openId = openBy.get(code);
      if (quiet.has(code)) {
        // Recovered once (a defined value outside the condition): the next breach raises a new warning.
        if (!on && value != null && Number.isFinite(value))
          await queryPrepared(
            m,
            `UPDATE metrics.warning SET recovered_at = $3 WHERE rule_id = $1 AND division_code = $2 AND resolved_by IS NOT NULL AND recovered_at IS NULL`,
            [rule.id, code, now],
          );
        if (!openId) continue;
      }
      if (on && !openId) {
        const id = randomUUID();
        const inserted = await queryPrepared(
          m,
          `INSERT INTO metrics.warning (id, rule_id, division_code, metric, status, threshold, raised_value, last_value, raised_at, last_checked_at)
           VALUES ($1, $2, $3, $4, 'OPEN', $5, $6, $6, $7, $7) ON CONFLICT DO NOTHING RETURNING id`,
          [id, rule.id, code, rule.metric, rule.threshold, value, now],
        );
        if (inserted.length) {
          raised++;
          await emit(
            'metrics.warning.raised',
            {
              warningId: id,
              ruleId: rule.id,
              metric: rule.metric,
              divisionCode: code,
              value: value!,
              threshold: rule.threshold,
              raisedAt: now.toISOString(),
            },
            { key: code },
          );
        }
      } else if (on && openId) {
        await queryPrepared(m, `UPDATE metrics.warning SET last_value = $2, last_checked_at = $3 WHERE id = $1`, [
          openId,
          value,
          now,
        ]);
      } else if (!on && openId) {
        await resolveWarning(m, emit, openId, rule.id, code, value, now);
        resolved++;
      }
    }
  }
  return { raised, resolved };
}

export async function resolveWarning(
  m: EntityManager,
  emit: Emit,
  id: string,
  ruleId: string,
  code: string,
  value: number | null,
  now: Date,
): Promise<void> {
  const row = await sqlRow<{ resolved_value: string }>(
    m,
    `UPDATE metrics.warning SET status = 'RESOLVED', resolved_at = $2, resolved_value = COALESCE($3, last_value), last_checked_at = $2 WHERE id = $1 AND status = 'OPEN' RETURNING resolved_value`,
    [id, now, value],
  );
  if (row)
    await emit(
      'metrics.warning.resolved',
      { warningId: id, ruleId, divisionCode: code, value: Number(row.resolved_value), resolvedAt: now.toISOString() },
      { key: code },
    );
}
