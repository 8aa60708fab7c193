import type { MutationResolvers } from '../generated/resolvers-types';
import { agreeSettlement } from '../commands/agree-settlement';
import { confirmSettlementAttachmentUpload } from '../commands/confirm-settlement-attachment-upload';
import { requestSettlementAttachmentUpload } from '../commands/request-settlement-attachment-upload';
import { changeCaseState } from '../commands/change-case-state';
import { fileEnforcement } from '../commands/file-enforcement';
import { importJudgments } from '../commands/import-judgments';
import { reassignOfficer } from '../commands/reassign-officer';
import { recordPayment } from '../commands/record-payment';
import { recordResearch } from '../commands/record-research';
import { reopenFromAssetLead } from '../commands/reopen-from-asset-lead';
import { reportAssetLead } from '../commands/report-asset-lead';
import { reversePayment } from '../commands/reverse-payment';
import { startUrging } from '../commands/start-urging';
import { takeInJudgment } from '../commands/take-in-judgment';

export const Mutation: MutationResolvers = {
  requestSettlementAttachmentUpload: (_p, { input }, ctx) => requestSettlementAttachmentUpload(ctx, input),
  confirmSettlementAttachmentUpload: (_p, { receipt }, ctx) => confirmSettlementAttachmentUpload(ctx, receipt),
  takeInJudgment: (_p, { input }, ctx) => takeInJudgment(ctx, input),
  importJudgments: (_p, { judgments }, ctx) => importJudgments(ctx, judgments),
  startUrging: (_p, { caseId, deadline }, ctx) => startUrging(ctx, caseId, deadline),
  fileEnforcement: (_p, { input }, ctx) => fileEnforcement(ctx, input),
  reassignOfficer: (_p, args, ctx) => reassignOfficer(ctx, args),
  changeCaseState: (_p, args, ctx) => changeCaseState(ctx, args),
  recordPayment: (_p, { input }, ctx) => recordPayment(ctx, input),
  reversePayment: (_p, args, ctx) => reversePayment(ctx, args),
  agreeSettlement: (_p, { input }, ctx) => agreeSettlement(ctx, input),
  reportAssetLead: (_p, args, ctx) => reportAssetLead(ctx, args),
  reopenFromAssetLead: (_p, args, ctx) => reopenFromAssetLead(ctx, args),
  recordResearch: (_p, args, ctx) => recordResearch(ctx, args),
};
