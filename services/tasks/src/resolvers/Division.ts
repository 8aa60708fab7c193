import { isDivisionCode } from '@zhiyuan/kernel';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { openTasksOfDivision } from '../queries/tasks';

export const Division: DivisionResolvers = {
  // A malformed code is no division; as a prefix in SQL it could match far more than one.
  __resolveReference: (ref) => (isDivisionCode(ref.code) ? ref : null),
  openTasks: (d, args, ctx) => openTasksOfDivision(ctx, d.code, args),
};
