import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { noteAuditChanges, sqlExec, sqlRows } from '@zhiyuan/db';
import { auditChanges, errors, uuidSchema } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import { WarningRuleEntity } from '../entities';
import { lockProjection } from '../projection/projector';
import type { ProjectionSettings } from '../projection/settings';
import { requireAdmin } from '../policy';
import { warningRuleInputSchema } from './shared/warning-rule-input';
import { evaluateWarnings, resolveWarning } from './shared/warnings';

const idSchema = z.object({ id: uuidSchema });

/** What an update of a rule may change: the fields its audit entry compares before and after. */
const RULE_AUDIT_FIELDS = [
  'name',
  'metric',
  'comparison',
  'threshold',
  'divisionLevel',
  'windowDays',
  'enabled',
] as const;

/** Changes a warning rule: the warnings of its old condition are resolved, the new condition raises afresh where it holds. */
export async function updateWarningRule(
  runtime: ServiceRuntime,
  identity: Identity,
  settings: ProjectionSettings,
  args: { id: unknown; input: unknown },
): Promise<WarningRuleEntity> {
  requireAdmin(identity);
  const id = parseInput(idSchema, { id: args.id }).id;
  const v = parseInput(warningRuleInputSchema, args.input);
  return runtime.messaging.transaction(async (m, emit) => {
    await lockProjection(m);
    const rules = m.getRepository(WarningRuleEntity);
    const before = await rules.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!before) throw errors.notFound('WarningRule', id);
    await sqlExec(
      m,
      `UPDATE metrics.warning_rule SET name = $2, metric = $3, comparison = $4, threshold = $5, division_level = $6, window_days = $7, enabled = $8, updated_by = $9, updated_at = now()
       WHERE id = $1`,
      [id, v.name, v.metric, v.comparison, v.threshold, v.divisionLevel, v.windowDays, v.enabled ?? true, identity.sub],
    );
    const now = new Date();
    const open = await sqlRows<{ id: string; division_code: string }>(
      m,
      `SELECT id, division_code FROM metrics.warning WHERE rule_id = $1 AND status = 'OPEN'`,
      [id],
    );
    for (const w of open) await resolveWarning(m, emit, w.id, id, w.division_code, null, now);
    await evaluateWarnings(m, emit, now, settings);
    const after = await rules.findOneByOrFail({ id });
    noteAuditChanges(auditChanges({ ...before }, { ...after }, RULE_AUDIT_FIELDS));
    return after;
  });
}
