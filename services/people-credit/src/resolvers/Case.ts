import type { CaseResolvers, PartyCaseViewResolvers } from '../generated/resolvers-types';
import { caseListings, caseReference } from '../queries/listings';
import { caseTeam, counterparts, mySides, partyCaseView } from '../queries/party-view';

export const Case: CaseResolvers = {
  __resolveReference: (ref, ctx) => caseReference(ctx, ref.id),
  listings: (c, _a, ctx) => caseListings(ctx, c.id),
  partyView: (c, _a, ctx) => partyCaseView(ctx, c.id),
};

export const PartyCaseView: PartyCaseViewResolvers = {
  mySides: (v) => mySides(v),
  counterparts: (v, _a, ctx) => counterparts(ctx, v),
  team: (v, _a, ctx) => caseTeam(ctx, v),
};
