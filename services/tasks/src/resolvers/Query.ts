import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  task: (_p, { id }, { loaders }) => loaders.task.load(id),
};
