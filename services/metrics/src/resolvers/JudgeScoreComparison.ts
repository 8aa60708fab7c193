import type { JudgeScoreComparisonResolvers } from '../generated/resolvers-types';

export const JudgeScoreComparison: JudgeScoreComparisonResolvers = { judge: (p) => ({ id: p.judgeId }) };
