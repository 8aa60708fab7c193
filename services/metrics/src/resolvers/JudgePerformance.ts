import type { JudgePerformanceResolvers } from '../generated/resolvers-types';

export const JudgePerformance: JudgePerformanceResolvers = { judge: (p) => ({ id: p.judgeId }) };
