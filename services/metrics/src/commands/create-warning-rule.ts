import { randomUUID } from 'node:crypto';
import type { Identity } from '@zhiyuan/auth';
import { sqlExec } from '@zhiyuan/db';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import { WarningRuleEntity } from '../entities';
import { lockProjection } from '../projection/projector';
import type { ProjectionSettings } from '../projection/settings';
import { requireAdmin } from '../policy';
import { warningRuleInputSchema } from './shared/warning-rule-input';
import { evaluateWarnings } from './shared/warnings';

/** Adds a warning rule and evaluates every rule at once, so a condition that already holds raises its warning. */
export async function createWarningRule(
  runtime: ServiceRuntime,
  identity: Identity,
  settings: ProjectionSettings,
  input: unknown,
): Promise<WarningRuleEntity> {
  requireAdmin(identity);
  const v = parseInput(warningRuleInputSchema, input);
  const id = randomUUID();
  return runtime.messaging.transaction(async (m, emit) => {
    await lockProjection(m);
    await sqlExec(
      m,
      `INSERT INTO metrics.warning_rule (id, name, metric, comparison, threshold, division_level, window_days, enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
      [id, v.name, v.metric, v.comparison, v.threshold, v.divisionLevel, v.windowDays, v.enabled ?? true, identity.sub],
    );
    await evaluateWarnings(m, emit, new Date(), settings);
    return m.getRepository(WarningRuleEntity).findOneByOrFail({ id });
  });
}
