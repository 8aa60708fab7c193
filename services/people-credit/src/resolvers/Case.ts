import type { CaseResolvers } from '../generated/resolvers-types';
import { caseListings, caseReference } from '../queries/listings';

export const Case: CaseResolvers = {
  __resolveReference: (ref, ctx) => caseReference(ctx, ref.id),
  listings: (c, _a, ctx) => caseListings(ctx, c.id),
};
