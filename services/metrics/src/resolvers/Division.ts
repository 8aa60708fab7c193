import { canReadDivision, requireReadDivision } from '../access';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { resolvePeriod } from '../projection/period';

export const Division: DivisionResolvers = {
  // Metrics owns no division data: the reference carries everything it needs (the code).
  __resolveReference: (ref) => ({ code: ref.code }),
  stats: async (d, { period }, { identity, loaders }) => {
    requireReadDivision(identity, d.code);
    return loaders.stats(resolvePeriod(period)).load(d.code);
  },
  warnings: async (d, { status }, { identity, loaders }) => {
    if (!canReadDivision(identity, d.code)) return [];
    return loaders.warningsOf(status ?? '').load(d.code);
  },
};
