import type { JudgeScoreResolvers } from '../generated/resolvers-types';

export const JudgeScore: JudgeScoreResolvers = { judge: (p) => ({ id: p.judgeId }) };
