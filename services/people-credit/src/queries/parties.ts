import type { EntityManager } from 'typeorm';
import { sqlRows } from '@zhiyuan/db';
import {
  errors,
  escapeLike,
  instantIdCursor,
  isUuid,
  maskIdNumber,
  maskPhone,
  pageArgs,
  requireUuid,
  toConnection,
} from '@zhiyuan/kernel';
import type { Context } from '../context';
import { checkCreditCode, parseResidentId } from '../domain/identity-numbers';
import { PartyEntity, type CreditLinkEntity, type CreditProfileEntity, type DishonestListingEntity } from '../entities';
import type { QueryPartiesArgs } from '../generated/resolvers-types';
import {
  partyInScope,
  partyListFilters,
  requireMayLookUpPartyByNumber,
  requireReadParty,
  requireSignedIn,
  type PartyCases,
} from '../policy';

/** A resident ID number or unified social credit code as stored (trimmed, upper case); VALIDATION_FAILED otherwise. */
export function requireIdNumber(raw: string): string {
  const number = raw.trim().toUpperCase();
  if (!parseResidentId(number, new Date()).ok && !checkCreditCode(number).ok)
    throw errors.validation('idNumber', 'Not a valid resident ID number or unified social credit code');
  return number;
}

/** A case of one party as the policy needs it: its village or township and its judge. */
interface CaseOfPartyRow {
  code: string | null;
  judgeId: string | null;
}

/**
 * The cases of a party (as obligor or obligee) read in a command's transaction, for the policy's
 * checks of who may act on the party.
 */
export function casesOfPartyIn(manager: EntityManager): PartyCases {
  return {
    casesOfParty: {
      load: (partyId) =>
        sqlRows<CaseOfPartyRow>(
          manager,
          `SELECT coalesce(village_code, township_code) AS code, judge_id::text AS "judgeId" FROM people.case_projection
            WHERE obligor_ids @> ARRAY[$1::uuid] OR obligee_ids @> ARRAY[$1::uuid]`,
          [partyId],
        ),
    },
  };
}

export async function party(ctx: Context, id: string): Promise<PartyEntity | null> {
  requireSignedIn(ctx.identity);
  const found = await ctx.loaders.party.load(requireUuid('id', id));
  if (found) await requireReadParty(ctx.identity, found, ctx.loaders);
  return found;
}

/**
 * Any signed-in caller may resolve a reference (a party sees the names on its own case); personal
 * data is masked outside scope. A malformed id names no party: null for that reference, the rest of
 * the batch resolves.
 */
export async function partyReference(ctx: Context, id: unknown): Promise<PartyEntity | null> {
  requireSignedIn(ctx.identity);
  if (!isUuid(id)) return null;
  const found = await ctx.loaders.party.load(id);
  if (found) await requireReadParty(ctx.identity, found, ctx.loaders);
  return found;
}

export async function partyByIdNumber(ctx: Context, idNumber: string): Promise<PartyEntity | null> {
  requireMayLookUpPartyByNumber(ctx.identity);
  const number = requireIdNumber(idNumber);
  const found = await ctx.runtime.ds.getRepository(PartyEntity).findOneBy({ idNumber: number });
  if (found) await requireReadParty(ctx.identity, found, ctx.loaders);
  return found;
}

export async function parties(
  ctx: Context,
  { divisionCode, search, classification, graceEndsBefore, first, after }: QueryPartiesArgs,
) {
  const filters = partyListFilters(ctx.identity, divisionCode);
  const page = pageArgs({ first, after });
  const cursor = instantIdCursor(page.after);
  const q = ctx.runtime.ds
    .getRepository(PartyEntity)
    .createQueryBuilder('p')
    .orderBy('p.created_at')
    .addOrderBy('p.id')
    .limit(page.limit + 1);
  for (const f of filters) q.andWhere(f.where, f.params);
  if (search?.trim()) q.andWhere("p.name LIKE :s ESCAPE '\\'", { s: `%${escapeLike(search.trim())}%` });
  if (cursor) q.andWhere('(p.created_at, p.id) > (:at, :id)', { at: cursor[0], id: cursor[1] });
  // The current profile is a party's highest seq, found through credit_profile_party_idx per party.
  const current = (column: string) =>
    `(SELECT cp.${column} FROM people.credit_profile cp WHERE cp.party_id = p.id ORDER BY cp.seq DESC LIMIT 1)`;
  if (classification) q.andWhere(`${current('classification')} = :classification`, { classification });
  if (graceEndsBefore) q.andWhere(`${current('grace_until')} < :graceEndsBefore`, { graceEndsBefore });
  return toConnection(await q.getMany(), page.limit, (p) => [p.createdAt.toISOString(), p.id]);
}

/** Whether the caller gets the party's personal data in full; each such read is audited once per request. */
async function unmasked(ctx: Context, p: PartyEntity): Promise<boolean> {
  if (!(await partyInScope(ctx.identity, p, ctx.loaders))) return false;
  await ctx.auditUnmaskedRead.load(p.id);
  return true;
}

export async function partyIdNumber(ctx: Context, p: PartyEntity): Promise<string> {
  return (await unmasked(ctx, p)) ? p.idNumber : maskIdNumber(p.idNumber);
}

export async function partyBirthDate(ctx: Context, p: PartyEntity): Promise<string | null> {
  return (await unmasked(ctx, p)) ? p.birthDate : null;
}

export async function partyPhone(ctx: Context, p: PartyEntity): Promise<string | null> {
  if (p.phone === null) return null;
  return (await unmasked(ctx, p)) ? p.phone : maskPhone(p.phone);
}

export async function partyAddress(ctx: Context, p: PartyEntity): Promise<string | null> {
  return p.address !== null && (await unmasked(ctx, p)) ? p.address : null;
}

/** Credit standing is for callers whose scope covers the party, and the party itself. */
function mayReadCredit(ctx: Context, p: PartyEntity): Promise<boolean> {
  return partyInScope(ctx.identity, p, ctx.loaders);
}

export async function partyCreditProfile(ctx: Context, p: PartyEntity): Promise<CreditProfileEntity | null> {
  return (await mayReadCredit(ctx, p)) ? ((await ctx.loaders.profilesOfParty.load(p.id))[0] ?? null) : null;
}

export async function partyCreditProfileHistory(ctx: Context, p: PartyEntity): Promise<CreditProfileEntity[]> {
  return (await mayReadCredit(ctx, p)) ? ctx.loaders.profilesOfParty.load(p.id) : [];
}

export async function partyListings(
  ctx: Context,
  p: PartyEntity,
  activeOnly: boolean | null | undefined,
): Promise<DishonestListingEntity[]> {
  if (!(await mayReadCredit(ctx, p))) return [];
  const all = await ctx.loaders.listingsOfParty.load(p.id);
  return activeOnly ? all.filter((l) => l.status === 'ACTIVE') : all;
}

export async function partyCreditLinks(ctx: Context, p: PartyEntity): Promise<CreditLinkEntity[]> {
  return (await mayReadCredit(ctx, p)) ? ctx.loaders.linksOfParty.load(p.id) : [];
}
