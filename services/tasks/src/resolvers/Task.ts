import type { TaskResolvers } from '../generated/resolvers-types';
import { canSeeTask } from '../access/scope';

export const Task: TaskResolvers = {
  __resolveReference: async (ref, { loaders, identity }) => {
    const t = await loaders.task.load(ref.id);
    return t && canSeeTask(identity, t) ? t : null;
  },
  case: (t) => (t.caseId ? { id: t.caseId } : null),
  obligor: (t) => (t.obligorId ? { id: t.obligorId } : null),
  division: (t) => ({ code: t.divisionCode }),
  assignee: (t) => (t.assigneeId ? { id: t.assigneeId } : null),
  overdue: (t) => t.overdueAt !== null && (t.status === 'OPEN' || t.status === 'IN_PROGRESS'),
  escalatedTo: (t) => t.escalatedLevel,
  result: (t) => (t.result ? { contactMade: null, formId: null, ...t.result } : null),
};
