import { pageArgs, toConnection } from '@zhiyuan/server';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { isAdmin, isJudge, staffOfDivision } from '../access/scope';
import { isDivisionCode } from '../domain/keys';
import { taskCursor, taskAfter } from '../domain/task-queries';

export const Division: DivisionResolvers = {
  // A malformed code is no division; as a prefix in SQL it could match far more than one.
  __resolveReference: (ref) => (isDivisionCode(ref.code) ? ref : null),
  openTasks: async (d, args, { identity, loaders }) => {
    const { limit, after } = pageArgs(args);
    const cursor = taskAfter(after);
    // A judge sees the open tasks of the cases they preside.
    const judgeSub = isAdmin(identity) || staffOfDivision(identity, d.code) ? null : isJudge(identity) ? identity.sub : undefined;
    if (judgeSub === undefined || !isDivisionCode(d.code)) return { ...toConnection([], limit, taskCursor), totalCount: 0 };
    const { rows, total } = await loaders.openTasksOfDivision.load({ code: d.code, limit, after: cursor, judgeSub });
    return { ...toConnection(rows, limit, taskCursor), totalCount: total };
  },
};
