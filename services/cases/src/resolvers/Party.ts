import { isUuid } from '@zhiyuan/kernel';
import type { PartyResolvers } from '../generated/resolvers-types';

export const Party: PartyResolvers = {
  // A malformed key is no party: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
  cases: (p, { role, first, after }, { loaders }) =>
    loaders.casesOf.load({ relation: 'party', key: p.id, role: role ?? 'ANY', first, after }),
};
