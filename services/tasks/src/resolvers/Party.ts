import type { PartyResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import { canSeePartyData, isCountyWide, isDivisionStaff } from '../access/scope';
import { isUuid } from '../domain/keys';

async function partyVisible(partyId: string, { identity, loaders }: Context, staffOnly = false): Promise<boolean> {
  if (isCountyWide(identity)) return true;
  if (staffOnly && !isDivisionStaff(identity)) return false;
  const party = await loaders.partyRef.load(partyId);
  return canSeePartyData(identity, partyId, party?.homeDivisionCode);
}

export const Party: PartyResolvers = {
  // A malformed id is no party (parties are keyed by uuid); its fields would otherwise fail the batch in SQL.
  __resolveReference: (ref) => (isUuid(ref.id) ? ref : null),
  declarations: async (p, _a, ctx) => ((await partyVisible(p.id, ctx)) ? ctx.loaders.declarationsOfParty.load(p.id) : []),
  plan: async (p, _a, ctx) => ((await partyVisible(p.id, ctx, true)) ? ctx.loaders.planOfParty.load(p.id) : null),
  homeVisits: async (p, _a, ctx) => ((await partyVisible(p.id, ctx, true)) ? ctx.loaders.visitsOfParty.load(p.id) : []),
};
