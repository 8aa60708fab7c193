import type { DataSource, EntityManager } from 'typeorm';
import { CASE_OUTCOMES } from '@zhiyuan/events';
import type { PerformanceRuleSetEntity } from '../entities';
import type { Period } from './period';

export type OutcomeCounts = Map<string, number>;

const round2 = (x: number) => Math.round(x * 100) / 100;

export function weightOf(ruleSet: Pick<PerformanceRuleSetEntity, 'weights'>, outcome: string): number {
  return Number(ruleSet.weights[outcome] ?? 1);
}

/** Raw count, weighted score and the breakdown by outcome of one judge's closed cases under a rule set. */
export function score(counts: OutcomeCounts, ruleSet: Pick<PerformanceRuleSetEntity, 'weights'>) {
  const byOutcome = CASE_OUTCOMES.map((outcome) => {
    const count = counts.get(outcome) ?? 0;
    const weight = weightOf(ruleSet, outcome);
    return { outcome, count, weight, weighted: round2(count * weight) };
  });
  return {
    rawCount: byOutcome.reduce((t, o) => t + o.count, 0),
    weightedScore: round2(byOutcome.reduce((t, o) => t + o.count * o.weight, 0)),
    byOutcome,
  };
}

/** Closed cases by outcome per judge, from the per-judge daily read model (one statement). */
export async function judgeOutcomeCounts(ds: DataSource | EntityManager, judgeIds: readonly string[] | null, period: Period | null): Promise<Map<string, OutcomeCounts>> {
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
  const rows: { judge_id: string; outcome: string; n: string }[] = await ds.query(
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
export async function simulate(ds: DataSource, candidate: PerformanceRuleSetEntity, active: PerformanceRuleSetEntity, period: Period | null) {
  const counts = await judgeOutcomeCounts(ds, null, period);
  return [...counts.entries()]
    .map(([judgeId, c]) => {
      const a = score(c, active);
      const d = score(c, candidate);
      return { judgeId, rawCount: a.rawCount, activeScore: a.weightedScore, draftScore: d.weightedScore, difference: round2(d.weightedScore - a.weightedScore) };
    })
    .sort((x, y) => y.draftScore - x.draftScore || x.judgeId.localeCompare(y.judgeId));
}
