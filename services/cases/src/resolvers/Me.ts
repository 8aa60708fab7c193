import type { MeResolvers } from '../generated/resolvers-types';
import { requireOwnMe } from '../policy';

export const Me: MeResolvers = {
  __resolveReference: (ref, { identity }) => {
    requireOwnMe(identity, ref.partyId);
    return { partyId: ref.partyId };
  },
  // The case scope of the request keeps this to the cases the party is in (caseScopeSql).
  cases: (m, { role, first, after }, { loaders }) =>
    loaders.casesOf.load({ relation: 'party', key: m.partyId, role: role ?? 'ANY', first, after }),
};
