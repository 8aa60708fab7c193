import { findCase, findCaseByNumber, listCases } from '../queries/cases';
import { openSettlementAttachmentDownload } from '../queries/attachments';
import { listResearchDue } from '../queries/research-due';
import { CAUSES_OF_ACTION } from '../domain/causes';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  openSettlementAttachmentDownload: (_p, { ticket }, ctx) => openSettlementAttachmentDownload(ctx, ticket),
  case: (_p, { id }, { loaders, identity }) => findCase(loaders, identity, id),
  caseByNumber: (_p, { caseNumber }, { runtime, identity }) => findCaseByNumber(runtime.ds, identity, caseNumber),
  cases: (_p, { filter, first, after }, { runtime, identity }) =>
    listCases(runtime.ds, identity, filter, { first, after }),
  causesOfAction: () => [...CAUSES_OF_ACTION],
  researchDue: (_p, args, { runtime, identity }) => listResearchDue(runtime.ds, identity, args),
};
