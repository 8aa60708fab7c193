import type { QueryResolvers } from '../generated/resolvers-types';
import { statsOrEmpty } from './Division';

export const Query: QueryResolvers = {
  divisionStats: async (_p, { code }, { loaders }) => statsOrEmpty(code, await loaders.stats.load(code)),
};
