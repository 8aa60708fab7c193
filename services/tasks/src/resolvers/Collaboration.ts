import { attachmentsOf } from '../queries/attachments';
import { personal } from '../queries/personal-data';
import type { CaseMessageResolvers, HomeVisitResolvers, ObligorPlanResolvers } from '../generated/resolvers-types';

export const CaseMessage: CaseMessageResolvers = {
  mine: (m, _a, { identity }) => m.authorSub === identity.sub,
};

export const ObligorPlan: ObligorPlanResolvers = {
  party: (p) => ({ id: p.partyId }),
  case: (p) => (p.caseId ? { id: p.caseId } : null),
  owner: (p) => (p.ownerStaffId ? { id: p.ownerStaffId } : null),
  approach: (p, _a, ctx) => personal(ctx, 'ObligorPlan', p.partyId, p.approach),
  nextSteps: (p, _a, ctx) => personal(ctx, 'ObligorPlan', p.partyId, p.nextSteps),
};

export const HomeVisit: HomeVisitResolvers = {
  party: (v) => ({ id: v.partyId }),
  case: (v) => (v.caseId ? { id: v.caseId } : null),
  summary: (v, _a, ctx) => personal(ctx, 'HomeVisit', v.partyId, v.summary),
  attachments: (v, _a, ctx) => attachmentsOf(ctx, 'HOME_VISIT', v.id),
};
