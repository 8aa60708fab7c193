import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { sqlExec } from '@zhiyuan/db';
import { CASE_OUTCOMES } from '@zhiyuan/events';
import { isoDaySchema } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import { PerformanceRuleSetEntity } from '../entities';
import { requireAdmin } from '../policy';

/** A weight is a non-negative multiplier, at most this much. */
export const MAX_WEIGHT = 10;

export const ruleSetInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  effectiveFrom: isoDaySchema,
  weights: z
    .array(
      z.object({
        outcome: z.enum(CASE_OUTCOMES),
        weight: z
          .number()
          .finite()
          .min(0, 'a weight is not negative')
          .max(MAX_WEIGHT, `a weight is at most ${MAX_WEIGHT}`),
      }),
    )
    .superRefine((ws, ctx) => {
      const seen = new Set<string>();
      ws.forEach((w, i) => {
        if (seen.has(w.outcome))
          ctx.addIssue({ code: 'custom', path: [i, 'outcome'], message: `${w.outcome} is weighted twice` });
        seen.add(w.outcome);
      });
      const missing = CASE_OUTCOMES.filter((o) => !seen.has(o));
      if (missing.length)
        ctx.addIssue({ code: 'custom', message: `every outcome needs a weight; missing ${missing.join(', ')}` });
    }),
});

/** Writes a DRAFT rule set; nothing is scored under it until it is activated. */
export async function createPerformanceRuleSet(
  runtime: ServiceRuntime,
  identity: Identity,
  input: unknown,
): Promise<PerformanceRuleSetEntity> {
  requireAdmin(identity);
  const v = parseInput(ruleSetInputSchema, input);
  const id = randomUUID();
  await sqlExec(
    runtime.ds,
    `INSERT INTO metrics.performance_rule_set (id, name, status, weights, effective_from, created_by, created_at) VALUES ($1, $2, 'DRAFT', $3, $4, $5, now())`,
    [
      id,
      v.name,
      JSON.stringify(Object.fromEntries(v.weights.map((w) => [w.outcome, w.weight]))),
      v.effectiveFrom,
      identity.sub,
    ],
  );
  return runtime.ds.getRepository(PerformanceRuleSetEntity).findOneByOrFail({ id });
}
