import { canReadDivision, requireReadDivision } from '../access';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { partsFor } from '../projection/kpis';
import { resolvePeriod } from '../projection/period';
import { selectedFields } from './selection';

export const Division: DivisionResolvers = {
  // Metrics owns no division data: the reference carries everything it needs (the code).
  __resolveReference: (ref) => ({ code: ref.code }),
  stats: async (d, { period }, { identity, loaders }, info) => {
    requireReadDivision(identity, d.code);
    return loaders.stats({ period: resolvePeriod(period), parts: partsFor(selectedFields(info)) }).load(d.code);
  },
  warnings: async (d, { status }, { identity, loaders }) => {
    if (!canReadDivision(identity, d.code)) return [];
    return loaders.warningsOf(status ?? '').load(d.code);
  },
};
