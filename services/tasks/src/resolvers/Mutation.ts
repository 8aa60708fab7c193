import type { MutationResolvers } from '../generated/resolvers-types';
import { assignTask } from '../commands/assign-task';
import { cancelMeeting } from '../commands/cancel-meeting';
import { cancelTask } from '../commands/cancel-task';
import { closeMeeting } from '../commands/close-meeting';
import { comeForward } from '../commands/come-forward';
import { completeTask } from '../commands/complete-task';
import { createTask } from '../commands/create-task';
import { confirmAttachmentUpload } from '../commands/confirm-attachment-upload';
import { decideProposal } from '../commands/decide-proposal';
import { fileDeclaration } from '../commands/file-declaration';
import { logHomeVisit } from '../commands/log-home-visit';
import { markCaseMessagesRead } from '../commands/mark-case-messages-read';
import { markNotificationDelivered } from '../commands/mark-notification-delivered';
import { postCaseMessage } from '../commands/post-case-message';
import { requestAttachmentUpload } from '../commands/request-attachment-upload';
import { recordMeetingOutcome } from '../commands/record-meeting-outcome';
import { respondToProposal } from '../commands/respond-to-proposal';
import { saveObligorPlan } from '../commands/save-obligor-plan';
import { scheduleMeeting } from '../commands/schedule-meeting';
import { startTask } from '../commands/start-task';
import { submitWhereaboutsFeedback } from '../commands/submit-whereabouts-feedback';

export const Mutation: MutationResolvers = {
  createTask: (_p, { input }, ctx) => createTask(ctx, input),
  assignTask: (_p, args, ctx) => assignTask(ctx, args),
  startTask: (_p, args, ctx) => startTask(ctx, args),
  completeTask: (_p, { input }, ctx) => completeTask(ctx, input),
  cancelTask: (_p, args, ctx) => cancelTask(ctx, args),
  submitWhereaboutsFeedback: (_p, { input }, ctx) => submitWhereaboutsFeedback(ctx, input),
  fileDeclaration: (_p, { input }, ctx) => fileDeclaration(ctx, input),
  scheduleMeeting: (_p, { input }, ctx) => scheduleMeeting(ctx, input),
  recordMeetingOutcome: (_p, { input }, ctx) => recordMeetingOutcome(ctx, input),
  closeMeeting: (_p, args, ctx) => closeMeeting(ctx, args),
  cancelMeeting: (_p, args, ctx) => cancelMeeting(ctx, args),
  postCaseMessage: (_p, args, ctx) => postCaseMessage(ctx, args),
  markCaseMessagesRead: (_p, args, ctx) => markCaseMessagesRead(ctx, args),
  saveObligorPlan: (_p, { input }, ctx) => saveObligorPlan(ctx, input),
  logHomeVisit: (_p, { input }, ctx) => logHomeVisit(ctx, input),
  markNotificationDelivered: (_p, args, ctx) => markNotificationDelivered(ctx, args),
  comeForward: (_p, { caseId, input }, ctx) => comeForward(ctx, caseId, input),
  respondToProposal: (_p, { input }, ctx) => respondToProposal(ctx, input),
  decideProposal: (_p, { input }, ctx) => decideProposal(ctx, input),
  requestAttachmentUpload: (_p, { input }, ctx) => requestAttachmentUpload(ctx, input),
  confirmAttachmentUpload: (_p, { receipt }, ctx) => confirmAttachmentUpload(ctx, receipt),
};
