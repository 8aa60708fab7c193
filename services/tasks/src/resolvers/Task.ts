import type { TaskResolvers } from '../generated/resolvers-types';
import { isOpen } from '../domain/tasks';
import { attachmentsOf } from '../queries/attachments';
import { taskReference } from '../queries/tasks';

export const Task: TaskResolvers = {
  __resolveReference: (ref, ctx) => taskReference(ctx, ref.id),
  case: (t) => (t.caseId ? { id: t.caseId } : null),
  obligor: (t) => (t.obligorId ? { id: t.obligorId } : null),
  division: (t) => ({ code: t.divisionCode }),
  assignee: (t) => (t.assigneeId ? { id: t.assigneeId } : null),
  overdue: (t) => t.overdueAt !== null && isOpen(t),
  escalatedTo: (t) => t.escalatedLevel,
  attachments: (t, _a, ctx) => attachmentsOf(ctx, 'TASK', t.id),
  result: (t) => (t.result ? { contactMade: null, formId: null, ...t.result } : null),
};
