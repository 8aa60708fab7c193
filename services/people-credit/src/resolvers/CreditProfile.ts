import type { CreditProfileResolvers } from '../generated/resolvers-types';

export const CreditProfile: CreditProfileResolvers = {
  party: async (p, _a, { loaders }) => (await loaders.party.load(p.partyId))!,
};
