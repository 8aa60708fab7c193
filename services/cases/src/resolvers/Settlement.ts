import type { SettlementResolvers } from '../generated/resolvers-types';

export const Settlement: SettlementResolvers = {
  instalments: (s, _a, { loaders }) => loaders.instalmentsOf.load(s.id),
};
