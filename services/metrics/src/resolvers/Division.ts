import { DivisionStatsEntity } from '../entities';
import type { DivisionResolvers } from '../generated/resolvers-types';

/** A division with no closed case yet has all-zero figures. */
export function statsOrEmpty(code: string, row: DivisionStatsEntity | null): DivisionStatsEntity {
  return row ?? Object.assign(new DivisionStatsEntity(), { divisionCode: code, closedCases: 0, performedAfterUrging: 0, amountRecoveredFen: 0, updatedAt: null });
}

export const Division: DivisionResolvers = {
  __resolveReference: (ref) => ref,
  stats: async (d, _a, { loaders }) => statsOrEmpty(d.code, await loaders.stats.load(d.code)),
};
