import type { DishonestListingResolvers } from '../generated/resolvers-types';

export const DishonestListing: DishonestListingResolvers = {
  party: async (l, _a, { loaders }) => (await loaders.party.load(l.partyId))!,
  case: (l) => ({ id: l.caseId }),
  ground: (l) => l.ground as never,
  removalGround: (l) => (l.removalGround as never) ?? null,
};
