import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { sqlRows } from '@zhiyuan/db';
import { errors, uuidSchema } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { PerformanceRuleSetEntity } from '../entities';
import { resolvePeriod, type Period } from '../projection/period';
import { round2, score, type OutcomeCounts } from '../projection/scores';
import { requireCountyReader, requireReadJudge } from '../policy';
import type { Loaders } from './loaders';
import type { JudgePerformanceModel, JudgeScoreModel } from './models';
import { activeRuleSet, ruleSetInForce } from './rule-sets';

/** Closed cases by outcome per judge, from the per-judge daily read model (one statement). */
export async function judgeOutcomeCounts(
  ds: DataSource | EntityManager,
  judgeIds: readonly string[] | null,
  period: Period | null,
): Promise<Map<string, OutcomeCounts>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (judgeIds) {
    params.push([...judgeIds]);
    where.push(`judge_id = ANY($${params.length}::uuid[])`);
  }
  if (period) {
    params.push(period.from, period.to);
    where.push(`day BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  const rows = await sqlRows<{ judge_id: string; outcome: string; n: string }>(
    ds,
    `SELECT judge_id, outcome, sum(n)::bigint AS n FROM metrics.judge_daily ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY judge_id, outcome`,
    params,
  );
  const out = new Map<string, OutcomeCounts>((judgeIds ?? []).map((j) => [j, new Map()]));
  for (const r of rows) {
    const m = out.get(r.judge_id) ?? new Map<string, number>();
    m.set(r.outcome, Number(r.n));
    out.set(r.judge_id, m);
  }
  return out;
}

/** Per-judge scores under a candidate rule set next to the active one; reads only. */
export async function simulate(
  ds: DataSource,
  candidate: PerformanceRuleSetEntity,
  active: PerformanceRuleSetEntity,
  period: Period | null,
) {
  const counts = await judgeOutcomeCounts(ds, null, period);
  return [...counts.entries()]
    .map(([judgeId, c]) => {
      const a = score(c, active);
      const d = score(c, candidate);
      return {
        judgeId,
        rawCount: a.rawCount,
        activeScore: a.weightedScore,
        draftScore: d.weightedScore,
        difference: round2(d.weightedScore - a.weightedScore),
      };
    })
    .sort((x, y) => y.draftScore - x.draftScore || x.judgeId.localeCompare(y.judgeId));
}

const firstArgs = z.object({ first: z.number().int().min(1).max(500) });

/** Judges ranked all-time by their weighted score under the active rule set. */
export async function judgeScores(
  ds: DataSource,
  identity: Identity,
  first: number | null | undefined,
): Promise<JudgeScoreModel[]> {
  requireCountyReader(identity);
  const n = parseInput(firstArgs, { first: first ?? 50 }).first;
  const rows = await sqlRows<{ judge_id: string; raw_count: number; weighted: string }>(
    ds,
    `SELECT judge_id, raw_count, weighted FROM metrics.judge_score ORDER BY weighted DESC, judge_id LIMIT $1`,
    [n],
  );
  return rows.map((r) => ({
    judgeId: r.judge_id,
    rawCount: r.raw_count,
    weightedScore: Math.round(Number(r.weighted) * 100) / 100,
  }));
}

const ruleSetIdSchema = z.object({ ruleSetId: uuidSchema });

/** A judge's raw count, weighted score and breakdown over a period, under the active set, the set in force then, or a set by id. */
export async function judgePerformance(
  ds: DataSource,
  identity: Identity,
  loaders: Loaders,
  judgeId: string,
  args: { period: unknown; scoring?: string | null; ruleSetId?: string | null },
): Promise<JudgePerformanceModel> {
  requireReadJudge(identity);
  const period = resolvePeriod(args.period);
  let ruleSet: PerformanceRuleSetEntity | null;
  if (args.ruleSetId) {
    const { ruleSetId } = parseInput(ruleSetIdSchema, { ruleSetId: args.ruleSetId });
    ruleSet = await loaders.ruleSet.load(ruleSetId);
    if (!ruleSet) throw errors.notFound('PerformanceRuleSet', ruleSetId);
  } else {
    ruleSet = args.scoring === 'IN_FORCE_THEN' ? await ruleSetInForce(ds, period.to) : await activeRuleSet(ds);
  }
  const counts = await loaders.judgeCounts(period).load(judgeId);
  return { judgeId, period, ruleSet, ...score(counts, ruleSet) };
}
