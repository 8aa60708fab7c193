import type { TaskResolvers } from '../generated/resolvers-types';
import { taskVisible } from '../access/scope';
import { isUuid } from '../domain/keys';

export const Task: TaskResolvers = {
  // A malformed id is no task: null, without sending it to SQL (where it would fail the whole batch).
  __resolveReference: async (ref, ctx) => {
    if (!isUuid(ref.id)) return null;
    const t = await ctx.loaders.task.load(ref.id);
    return t && (await taskVisible(ctx, t)) ? t : null;
  },
  case: (t) => (t.caseId ? { id: t.caseId } : null),
  obligor: (t) => (t.obligorId ? { id: t.obligorId } : null),
  division: (t) => ({ code: t.divisionCode }),
  assignee: (t) => (t.assigneeId ? { id: t.assigneeId } : null),
  overdue: (t) => t.overdueAt !== null && (t.status === 'OPEN' || t.status === 'IN_PROGRESS'),
  escalatedTo: (t) => t.escalatedLevel,
  result: (t) => (t.result ? { contactMade: null, formId: null, ...t.result } : null),
};
