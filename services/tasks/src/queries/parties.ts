import type { Context } from '../context';
import type { FormEntity, HomeVisitEntity, ObligorPlanEntity } from '../entities';
import { canSeePartyData, partyDataAccess } from '../policy';

async function partyVisible(ctx: Context, partyId: string, staffOnly: boolean): Promise<boolean> {
  const access = partyDataAccess(ctx.identity, staffOnly);
  if (access !== 'BY_HOME') return access === 'ALL';
  const party = await ctx.loaders.partyRef.load(partyId);
  return canSeePartyData(ctx.identity, partyId, party?.homeDivisionCode);
}

/** `Party.declarations`: for county-wide roles, staff of the party's division and the party itself. */
export async function declarationsOfParty(ctx: Context, partyId: string): Promise<FormEntity[]> {
  return (await partyVisible(ctx, partyId, false)) ? ctx.loaders.declarationsOfParty.load(partyId) : [];
}

/** `Party.plan`: staff only. */
export async function planOfParty(ctx: Context, partyId: string): Promise<ObligorPlanEntity | null> {
  return (await partyVisible(ctx, partyId, true)) ? ctx.loaders.planOfParty.load(partyId) : null;
}

/** `Party.homeVisits`: staff only. */
export async function visitsOfParty(ctx: Context, partyId: string): Promise<HomeVisitEntity[]> {
  return (await partyVisible(ctx, partyId, true)) ? ctx.loaders.visitsOfParty.load(partyId) : [];
}
