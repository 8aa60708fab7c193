import { maskIdNumber, maskPhone } from '@zhiyuan/server';
import type { PartyResolvers } from '../generated/resolvers-types';
import { partyInScope, requireReadParty, requireSignedIn } from '../access';
import { isUuid } from '../loaders';
import { ageOn } from '../domain/identity-numbers';
import type { Context } from '../context';
import type { PartyEntity } from '../entities';

/** Credit standing is for callers whose scope covers the party, and the party itself. */
function mayReadCredit(ctx: Context, p: PartyEntity): Promise<boolean> {
  return partyInScope(ctx.identity, p, ctx.loaders);
}

/** Whether the caller gets the party's personal data in full; each such read is audited once per request. */
async function unmasked(ctx: Context, p: PartyEntity): Promise<boolean> {
  if (!(await partyInScope(ctx.identity, p, ctx.loaders))) return false;
  await ctx.auditUnmaskedRead.load(p.id);
  return true;
}

export const Party: PartyResolvers = {
  // Any signed-in caller may resolve a reference (a party sees the names on its own case); personal data is masked outside scope.
  // A malformed id names no party: null for that reference, the rest of the batch resolves.
  __resolveReference: async (ref, { identity, loaders }) => {
    requireSignedIn(identity);
    if (!isUuid(ref.id)) return null;
    const party = await loaders.party.load(ref.id);
    if (party) await requireReadParty(identity, party, loaders);
    return party;
  },
  idNumber: async (p, _a, ctx) => ((await unmasked(ctx, p)) ? p.idNumber : maskIdNumber(p.idNumber)),
  idNumberMasked: (p) => maskIdNumber(p.idNumber),
  birthDate: async (p, _a, ctx) => ((await unmasked(ctx, p)) ? p.birthDate : null),
  age: (p) => (p.birthDate ? ageOn(p.birthDate, new Date()) : null),
  phone: async (p, _a, ctx) => (p.phone === null ? null : (await unmasked(ctx, p)) ? p.phone : maskPhone(p.phone)),
  address: async (p, _a, ctx) => (p.address !== null && (await unmasked(ctx, p)) ? p.address : null),
  homeDivision: (p, _a, { loaders }) => loaders.division.load(p.homeDivisionCode),
  creditProfile: async (p, _a, ctx) => ((await mayReadCredit(ctx, p)) ? ((await ctx.loaders.profilesOfParty.load(p.id))[0] ?? null) : null),
  creditProfileHistory: async (p, _a, ctx) => ((await mayReadCredit(ctx, p)) ? ctx.loaders.profilesOfParty.load(p.id) : []),
  listings: async (p, { activeOnly }, ctx) => {
    if (!(await mayReadCredit(ctx, p))) return [];
    const all = await ctx.loaders.listingsOfParty.load(p.id);
    return activeOnly ? all.filter((l) => l.status === 'ACTIVE') : all;
  },
  creditLinks: async (p, _a, ctx) => ((await mayReadCredit(ctx, p)) ? ctx.loaders.linksOfParty.load(p.id) : []),
};
