import type { TaskResolvers } from '../generated/resolvers-types';

export const Task: TaskResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.task.load(ref.id),
  dueAt: (t) => t.dueAt.toISOString(),
  case: (t) => (t.caseId ? { id: t.caseId } : null),
  division: (t) => ({ code: t.divisionCode }),
} as TaskResolvers;
