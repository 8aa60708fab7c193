import { isUuid } from '@zhiyuan/kernel';
import type { CaseResolvers } from '../generated/resolvers-types';
import { messagesOfCase, notificationsOfCase, unreadMessageCount } from '../queries/cases';
import { proposalsOfCase } from '../queries/proposals';
import { tasksOfCase } from '../queries/tasks';

/** Fields this subgraph adds to a case; out-of-scope callers get empty lists rather than an error on the whole case. */
export const Case: CaseResolvers = {
  // A malformed id is no case (cases are keyed by uuid); its fields would otherwise fail the batch in SQL.
  __resolveReference: (ref) => (isUuid(ref.id) ? ref : null),
  tasks: (c, _a, ctx) => tasksOfCase(ctx, c.id),
  messages: (c, _a, ctx) => messagesOfCase(ctx, c.id),
  unreadMessageCount: (c, _a, ctx) => unreadMessageCount(ctx, c.id),
  notifications: (c, _a, ctx) => notificationsOfCase(ctx, c.id),
  proposals: (c, _a, ctx) => proposalsOfCase(ctx, c.id),
};
