import type { DishonestListingResolvers, ListingGround, ListingRemovalGround } from '../generated/resolvers-types';

export const DishonestListing: DishonestListingResolvers = {
  party: async (l, _a, { loaders }) => (await loaders.party.load(l.partyId))!,
  case: (l) => ({ id: l.caseId }),
  ground: (l) => l.ground as ListingGround,
  removalGround: (l) => (l.removalGround as ListingRemovalGround | null) ?? null,
};
