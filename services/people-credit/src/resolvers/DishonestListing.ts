import { chooseLocale } from '@zhiyuan/kernel';
import { listingGroundText, removalGroundText } from '../domain/reason-texts';
import type { DishonestListingResolvers, ListingGround, ListingRemovalGround } from '../generated/resolvers-types';

export const DishonestListing: DishonestListingResolvers = {
  party: async (l, _a, { loaders }) => (await loaders.party.load(l.partyId))!,
  case: (l) => ({ id: l.caseId }),
  ground: (l) => l.ground as ListingGround,
  removalGround: (l) => (l.removalGround as ListingRemovalGround | null) ?? null,
  groundText: (l, { locale }, ctx) => listingGroundText(l.ground, chooseLocale(locale, ctx.locale)),
  removalGroundText: (l, { locale }, ctx) =>
    l.removalGround ? removalGroundText(l.removalGround, chooseLocale(locale, ctx.locale)) : null,
};
