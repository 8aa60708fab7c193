import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { noteAuditChanges, sqlExec, sqlRows } from '@zhiyuan/db';
import { auditChanges, errors, uuidSchema } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import { PerformanceRuleSetEntity } from '../entities';
import { recomputeJudgeScores } from '../projection/aggregates';
import { lockProjection } from '../projection/projector';
import { requireAdmin } from '../policy';
import { invalidTransition } from './shared/transitions';

const activateRuleSetSchema = z.object({
  id: uuidSchema,
  reason: z.string().trim().min(1, 'say why the rules change').max(2000),
});

/**
 * Retires the active set, activates the draft (who, when, why recorded on the row), rescores every
 * judge and announces it, in one transaction.
 */
export async function activatePerformanceRuleSet(
  runtime: ServiceRuntime,
  identity: Identity,
  args: unknown,
): Promise<PerformanceRuleSetEntity> {
  requireAdmin(identity);
  const { id, reason } = parseInput(activateRuleSetSchema, args);
  return runtime.messaging.transaction(async (m, emit) => {
    // Scores are recomputed under the same lock as the projection, so no closed case slips between.
    await lockProjection(m);
    const rs = await m
      .getRepository(PerformanceRuleSetEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!rs) throw errors.notFound('PerformanceRuleSet', id);
    if (rs.status !== 'DRAFT') throw invalidTransition('rule set', rs.status, 'ACTIVE');
    const now = new Date();
    const before = { ...rs };
    const retired = await sqlRows<{ id: string }>(
      m,
      `UPDATE metrics.performance_rule_set SET status = 'RETIRED', retired_at = $1 WHERE status = 'ACTIVE' RETURNING id`,
      [now],
    );
    await sqlExec(
      m,
      `UPDATE metrics.performance_rule_set SET status = 'ACTIVE', activated_by = $2, activated_at = $3, activation_reason = $4 WHERE id = $1`,
      [id, identity.sub, now, reason],
    );
    await recomputeJudgeScores(m, null);
    const activated = await m.getRepository(PerformanceRuleSetEntity).findOneByOrFail({ id });
    // Besides the set's own fields, the entry says which set it replaced (activeRuleSetId).
    noteAuditChanges(
      auditChanges({ ...before, activeRuleSetId: retired[0]?.id ?? null }, { ...activated, activeRuleSetId: id }, [
        'status',
        'activatedBy',
        'activatedAt',
        'activationReason',
        'activeRuleSetId',
      ]),
    );
    await emit(
      'metrics.rules.activated',
      { ruleSetId: id, version: activated.version, activatedBy: identity.sub, reason, activatedAt: now.toISOString() },
      { key: id },
    );
    runtime.logger.info(
      { ruleSetId: id, version: activated.version, by: identity.sub },
      'performance rule set activated',
    );
    return activated;
  });
}
