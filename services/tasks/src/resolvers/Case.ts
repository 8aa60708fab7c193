import type { CaseResolvers } from '../generated/resolvers-types';

export const Case: CaseResolvers = {
  __resolveReference: (ref) => ref,
  tasks: (c, _a, { loaders }) => loaders.tasksOfCase.load(c.id),
};
