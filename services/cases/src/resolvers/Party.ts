import type { PartyResolvers } from '../generated/resolvers-types';

export const Party: PartyResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  cases: (p, { role, first, after }, { loaders }) => loaders.casesOf.load({ relation: 'party', key: p.id, role: role ?? 'ANY', first, after }),
};
