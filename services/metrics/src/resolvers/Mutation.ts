import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CASE_OUTCOMES } from '@zhiyuan/events';
import type { DataSource } from 'typeorm';
import { DomainError, errors, parseInput } from '@zhiyuan/server';
import { requireAdmin } from '../access';
import { isoDay } from '../keys';
import { JudicialSuggestionEntity, PerformanceRuleSetEntity, WarningRuleEntity } from '../entities';
import { lockProjection } from '../projection/projector';
import type { MutationResolvers } from '../generated/resolvers-types';
import { recomputeJudgeScores } from '../projection/aggregates';
import { returnedRows } from '../projection/settings';
import { evaluateWarnings, resolveWarning } from '../projection/warnings';

/** A weight is a non-negative multiplier, at most this much. */
export const MAX_WEIGHT = 10;

const uuid = z.uuid();

export const ruleSetInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  effectiveFrom: isoDay,
  weights: z
    .array(z.object({ outcome: z.enum(CASE_OUTCOMES), weight: z.number().finite().min(0, 'a weight is not negative').max(MAX_WEIGHT, `a weight is at most ${MAX_WEIGHT}`) }))
    .superRefine((ws, ctx) => {
      const seen = new Set<string>();
      ws.forEach((w, i) => {
        if (seen.has(w.outcome)) ctx.addIssue({ code: 'custom', path: [i, 'outcome'], message: `${w.outcome} is weighted twice` });
        seen.add(w.outcome);
      });
      const missing = CASE_OUTCOMES.filter((o) => !seen.has(o));
      if (missing.length) ctx.addIssue({ code: 'custom', message: `every outcome needs a weight; missing ${missing.join(', ')}` });
    }),
});

const RATE_METRICS = ['COMPLETION_RATE', 'ACTUAL_ENFORCEMENT_RATE', 'DISHONESTY_RATE'];
export const warningRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    metric: z.enum(['COMPLETION_RATE', 'ACTUAL_ENFORCEMENT_RATE', 'OVERDUE_TASKS', 'PARTNER_ACKS_OVERDUE', 'LISTINGS_RISING', 'DISHONESTY_RATE']),
    comparison: z.enum(['LT', 'LTE', 'GT', 'GTE']),
    threshold: z.number().finite(),
    divisionLevel: z.enum(['COUNTY', 'TOWNSHIP', 'VILLAGE']),
    windowDays: z.number().int().min(1).max(366),
    enabled: z.boolean().nullish(),
  })
  .superRefine((r, ctx) => {
    if (RATE_METRICS.includes(r.metric) && (r.threshold < 0 || r.threshold > 1)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a rate threshold is between 0 and 1' });
    if (r.metric === 'PARTNER_ACKS_OVERDUE' && r.divisionLevel !== 'COUNTY') ctx.addIssue({ code: 'custom', path: ['divisionLevel'], message: 'partner acknowledgements are county-wide' });
    if (['OVERDUE_TASKS', 'PARTNER_ACKS_OVERDUE'].includes(r.metric) && r.threshold < 0) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a count threshold is not negative' });
  });

const suggestionSchema = z.object({
  targetDepartment: z.string().trim().min(1).max(200),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6, 9 or 12 digit division code').nullish(),
  title: z.string().trim().min(1).max(200),
  finding: z.string().trim().min(1).max(10_000),
  figures: z.array(z.object({ label: z.string().trim().min(1).max(200), value: z.string().trim().min(1).max(200) })).max(50),
});

const idSchema = z.object({ id: uuid });
const activateRuleSetSchema = z.object({ id: uuid, reason: z.string().trim().min(1, 'say why the rules change').max(2000) });
const answerSuggestionSchema = z.object({ id: uuid, answer: z.string().trim().min(1).max(10_000) });

const transition = (entity: string, from: string, to: string) => new DomainError('INVALID_TRANSITION', `A ${entity} in state ${from} cannot move to ${to}`, { from, to });

export const Mutation: MutationResolvers = {
  createPerformanceRuleSet: async (_p, { input }, { identity, runtime }) => {
    requireAdmin(identity);
    const v = parseInput(ruleSetInputSchema, input);
    const id = randomUUID();
    await runtime.ds.query(
      `INSERT INTO metrics.performance_rule_set (id, name, status, weights, effective_from, created_by, created_at) VALUES ($1, $2, 'DRAFT', $3, $4, $5, now())`,
      [id, v.name, JSON.stringify(Object.fromEntries(v.weights.map((w) => [w.outcome, w.weight]))), v.effectiveFrom, identity.sub],
    );
    return runtime.ds.getRepository(PerformanceRuleSetEntity).findOneByOrFail({ id });
  },

  activatePerformanceRuleSet: async (_p, args, { identity, runtime }) => {
    requireAdmin(identity);
    const { id, reason } = parseInput(activateRuleSetSchema, args);
    return runtime.messaging.transaction(async (m, emit) => {
      // Scores are recomputed under the same lock as the projection, so no closed case slips between.
      await lockProjection(m);
      const rs = await m.getRepository(PerformanceRuleSetEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!rs) throw errors.notFound('PerformanceRuleSet', id);
      if (rs.status !== 'DRAFT') throw transition('rule set', rs.status, 'ACTIVE');
      const now = new Date();
      await m.query(`UPDATE metrics.performance_rule_set SET status = 'RETIRED', retired_at = $1 WHERE status = 'ACTIVE'`, [now]);
      await m.query(`UPDATE metrics.performance_rule_set SET status = 'ACTIVE', activated_by = $2, activated_at = $3, activation_reason = $4 WHERE id = $1`, [id, identity.sub, now, reason]);
      await recomputeJudgeScores(m, null);
      const activated = await m.getRepository(PerformanceRuleSetEntity).findOneByOrFail({ id });
      await emit('metrics.rules.activated', { ruleSetId: id, version: activated.version, activatedBy: identity.sub, reason, activatedAt: now.toISOString() }, { key: id });
      runtime.logger.info({ ruleSetId: id, version: activated.version, by: identity.sub }, 'performance rule set activated');
      return activated;
    });
  },

  createWarningRule: async (_p, { input }, { identity, runtime, settings }) => {
    requireAdmin(identity);
    const v = parseInput(warningRuleInputSchema, input);
    const id = randomUUID();
    return runtime.messaging.transaction(async (m, emit) => {
      await lockProjection(m);
      await m.query(
        `INSERT INTO metrics.warning_rule (id, name, metric, comparison, threshold, division_level, window_days, enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
        [id, v.name, v.metric, v.comparison, v.threshold, v.divisionLevel, v.windowDays, v.enabled ?? true, identity.sub],
      );
      await evaluateWarnings(m, emit, new Date(), settings);
      return m.getRepository(WarningRuleEntity).findOneByOrFail({ id });
    });
  },

  updateWarningRule: async (_p, args, { identity, runtime, settings }) => {
    requireAdmin(identity);
    const id = parseInput(idSchema, { id: args.id }).id;
    const v = parseInput(warningRuleInputSchema, args.input);
    return runtime.messaging.transaction(async (m, emit) => {
      await lockProjection(m);
      const updated = returnedRows(await m.query(
        `UPDATE metrics.warning_rule SET name = $2, metric = $3, comparison = $4, threshold = $5, division_level = $6, window_days = $7, enabled = $8, updated_by = $9, updated_at = now()
         WHERE id = $1 RETURNING id`,
        [id, v.name, v.metric, v.comparison, v.threshold, v.divisionLevel, v.windowDays, v.enabled ?? true, identity.sub],
      ));
      if (!updated.length) throw errors.notFound('WarningRule', id);
      const now = new Date();
      // Warnings of the old condition are closed; the new condition raises afresh where it holds.
      const open: { id: string; division_code: string }[] = await m.query(`SELECT id, division_code FROM metrics.warning WHERE rule_id = $1 AND status = 'OPEN'`, [id]);
      for (const w of open) await resolveWarning(m, emit, w.id, id, w.division_code, null, now);
      await evaluateWarnings(m, emit, now, settings);
      return m.getRepository(WarningRuleEntity).findOneByOrFail({ id });
    });
  },

  createJudicialSuggestion: async (_p, { input }, { identity, runtime }) => {
    requireAdmin(identity);
    const v = parseInput(suggestionSchema, input);
    const entity = Object.assign(new JudicialSuggestionEntity(), {
      id: randomUUID(), targetDepartment: v.targetDepartment, divisionCode: v.divisionCode ?? null, title: v.title, finding: v.finding, figures: v.figures,
      status: 'DRAFT' as const, createdBy: identity.sub, createdAt: new Date(), sentAt: null, answeredAt: null, answer: null,
    });
    return runtime.ds.getRepository(JudicialSuggestionEntity).save(entity);
  },

  sendJudicialSuggestion: async (_p, args, { identity, runtime }) => {
    requireAdmin(identity);
    const { id } = parseInput(idSchema, args);
    return moveSuggestion(runtime.ds, id, 'DRAFT', 'SENT', { sentAt: new Date() });
  },

  answerJudicialSuggestion: async (_p, args, { identity, runtime }) => {
    requireAdmin(identity);
    const { id, answer } = parseInput(answerSuggestionSchema, args);
    return moveSuggestion(runtime.ds, id, 'SENT', 'ANSWERED', { answeredAt: new Date(), answer });
  },
};

async function moveSuggestion(ds: DataSource, id: string, from: 'DRAFT' | 'SENT', to: 'SENT' | 'ANSWERED', changes: Partial<JudicialSuggestionEntity>) {
  return ds.transaction(async (m) => {
    const repo = m.getRepository(JudicialSuggestionEntity);
    const s = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s) throw errors.notFound('JudicialSuggestion', id);
    if (s.status !== from) throw transition('judicial suggestion', s.status, to);
    Object.assign(s, changes, { status: to });
    return repo.save(s);
  });
}
