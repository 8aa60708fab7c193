import { canSeeDivision, pageArgs, toConnection } from '@zhiyuan/server';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { isCountyWide, isDivisionStaff } from '../access/scope';
import { taskCursor, taskAfter } from '../domain/task-queries';

export const Division: DivisionResolvers = {
  __resolveReference: (ref) => ref,
  openTasks: async (d, args, { identity, loaders }) => {
    const { limit, after } = pageArgs(args);
    if (!isCountyWide(identity) && !(isDivisionStaff(identity) && canSeeDivision(identity, d.code))) {
      return { ...toConnection([], limit, taskCursor), totalCount: 0 };
    }
    const { rows, total } = await loaders.openTasksOfDivision.load({ code: d.code, limit, after: taskAfter(after) });
    return { ...toConnection(rows, limit, taskCursor), totalCount: total };
  },
};
