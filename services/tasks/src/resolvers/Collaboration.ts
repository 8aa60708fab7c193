import { attachmentsOf } from '../queries/attachments';
import type { CaseMessageResolvers, HomeVisitResolvers, ObligorPlanResolvers } from '../generated/resolvers-types';

export const CaseMessage: CaseMessageResolvers = {
  mine: (m, _a, { identity }) => m.authorSub === identity.sub,
};

export const ObligorPlan: ObligorPlanResolvers = {
  party: (p) => ({ id: p.partyId }),
  case: (p) => (p.caseId ? { id: p.caseId } : null),
  owner: (p) => (p.ownerStaffId ? { id: p.ownerStaffId } : null),
};

export const HomeVisit: HomeVisitResolvers = {
  party: (v) => ({ id: v.partyId }),
  case: (v) => (v.caseId ? { id: v.caseId } : null),
  attachments: (v, _a, ctx) => attachmentsOf(ctx, 'HOME_VISIT', v.id),
};
