import { CASE_OUTCOMES } from '@zhiyuan/events';
import type { PerformanceRuleSetEntity } from '../entities';

export type OutcomeCounts = Map<string, number>;

export const round2 = (x: number) => Math.round(x * 100) / 100;

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
