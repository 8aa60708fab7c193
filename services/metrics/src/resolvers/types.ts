import type { JudgePerformanceResolvers, JudgeScoreComparisonResolvers, JudgeScoreResolvers, JudicialSuggestionResolvers, MetricsRankingEntryResolvers, PerformanceRuleSetResolvers, WarningResolvers } from '../generated/resolvers-types';
import { CASE_OUTCOMES } from '@zhiyuan/events';
import { errors } from '@zhiyuan/server';

export const PerformanceRuleSet: PerformanceRuleSetResolvers = {
  weights: (r) => CASE_OUTCOMES.map((outcome) => ({ outcome, weight: Number(r.weights[outcome] ?? 1) })),
};

export const Warning: WarningResolvers = {
  rule: async (w, _a, { loaders }) => {
    const rule = await loaders.warningRule.load(w.ruleId);
    if (!rule) throw errors.notFound('WarningRule', w.ruleId);
    return rule;
  },
  division: (w) => ({ code: w.divisionCode }),
};

export const JudicialSuggestion: JudicialSuggestionResolvers = {
  division: (s) => (s.divisionCode ? { code: s.divisionCode } : null),
};

export const JudgePerformance: JudgePerformanceResolvers = { judge: (p) => ({ id: p.judgeId }) };
export const JudgeScoreComparison: JudgeScoreComparisonResolvers = { judge: (p) => ({ id: p.judgeId }) };
export const JudgeScore: JudgeScoreResolvers = { judge: (p) => ({ id: p.judgeId }) };
export const MetricsRankingEntry: MetricsRankingEntryResolvers = { division: (e) => ({ code: e.code }) };
