import type { DivisionStatsResolvers } from '../generated/resolvers-types';

export const DivisionStats: DivisionStatsResolvers = {
  updatedAt: (s) => s.updatedAt?.toISOString() ?? null,
};
