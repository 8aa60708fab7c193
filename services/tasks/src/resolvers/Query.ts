import type { QueryResolvers } from '../generated/resolvers-types';
import { openAttachmentDownload } from '../queries/attachments';
import { meetingById, meetingsOfVillage } from '../queries/meetings';
import { proposalById } from '../queries/proposals';
import { myTasks, taskById, taskCounts, tasksUnder, whereaboutsFeedbackOfTask } from '../queries/tasks';

export const Query: QueryResolvers = {
  task: (_p, { id }, ctx) => taskById(ctx, id),
  myTasks: (_p, args, ctx) => myTasks(ctx, args),
  tasks: (_p, { filter, ...args }, ctx) => tasksUnder(ctx, filter, args),
  taskCounts: (_p, { divisionCode }, ctx) => taskCounts(ctx, divisionCode),
  meeting: (_p, { id }, ctx) => meetingById(ctx, id),
  meetings: (_p, { villageCode, status, ...args }, ctx) => meetingsOfVillage(ctx, villageCode, status, args),
  whereaboutsFeedback: (_p, { taskId }, ctx) => whereaboutsFeedbackOfTask(ctx, taskId),
  proposal: (_p, { id }, ctx) => proposalById(ctx, id),
  openAttachmentDownload: (_p, { ticket }, ctx) => openAttachmentDownload(ctx, ticket),
};
