import type { CaseResolvers } from '../generated/resolvers-types';
import { canSeeListing, requireSignedIn } from '../access';
import { isUuid } from '../loaders';

export const Case: CaseResolvers = {
  // A malformed id names no case: null for that reference, without a statement, the rest of the batch resolves.
  __resolveReference: (ref, { identity }) => {
    requireSignedIn(identity);
    return isUuid(ref.id) ? { id: ref.id } : null;
  },
  // Listings of divisions outside the caller's scope are filtered out; a party sees its own.
  listings: async (c, _a, { identity, loaders }) => (await loaders.listingsOfCase.load(c.id)).filter((l) => canSeeListing(identity, l)),
};
