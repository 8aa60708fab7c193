import { isUuid } from '@zhiyuan/kernel';
import type { PartyResolvers } from '../generated/resolvers-types';
import { declarationsOfParty, planOfParty, visitsOfParty } from '../queries/parties';

export const Party: PartyResolvers = {
  // A malformed id is no party (parties are keyed by uuid); its fields would otherwise fail the batch in SQL.
  __resolveReference: (ref) => (isUuid(ref.id) ? ref : null),
  declarations: (p, _a, ctx) => declarationsOfParty(ctx, p.id),
  plan: (p, _a, ctx) => planOfParty(ctx, p.id),
  homeVisits: (p, _a, ctx) => visitsOfParty(ctx, p.id),
};
