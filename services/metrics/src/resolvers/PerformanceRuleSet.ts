import type { PerformanceRuleSetResolvers } from '../generated/resolvers-types';
import { weightsOf } from '../queries/rule-sets';

export const PerformanceRuleSet: PerformanceRuleSetResolvers = {
  weights: (r) => weightsOf(r),
};
