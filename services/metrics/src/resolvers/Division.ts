import { canReadDivision, requireReadDivision } from '../access';
import { isDivisionCode } from '../keys';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { partsFor } from '../projection/kpis';
import { resolvePeriod } from '../projection/period';
import { selectedFields } from './selection';

export const Division: DivisionResolvers = {
  // Metrics owns no division data: the reference carries everything it needs (the code). A malformed
  // code is no division: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isDivisionCode(ref.code) ? { code: ref.code } : null),
  stats: async (d, { period }, { identity, loaders }, info) => {
    requireReadDivision(identity, d.code);
    return loaders.stats({ period: resolvePeriod(period), parts: partsFor(selectedFields(info)) }).load(d.code);
  },
  warnings: async (d, { status }, { identity, loaders }) => {
    if (!canReadDivision(identity, d.code)) return [];
    return loaders.warningsOf(status ?? '').load(d.code);
  },
};
