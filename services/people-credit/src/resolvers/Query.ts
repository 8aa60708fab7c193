import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  division: (_p, { code }, { loaders }) => loaders.division.load(code),
  party: (_p, { id }, { loaders }) => loaders.party.load(id),
  staff: (_p, { id }, { loaders }) => loaders.staff.load(id),
};
