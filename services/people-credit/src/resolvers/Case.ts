import type { CaseResolvers } from '../generated/resolvers-types';
import { canSeeListing, requireSignedIn } from '../access';

export const Case: CaseResolvers = {
  __resolveReference: (ref, { identity }) => {
    requireSignedIn(identity);
    return { id: ref.id };
  },
  // Listings of divisions outside the caller's scope are filtered out; a party sees its own.
  listings: async (c, _a, { identity, loaders }) => (await loaders.listingsOfCase.load(c.id)).filter((l) => canSeeListing(identity, l)),
};
