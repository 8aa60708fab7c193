import { sqlRows } from '@zhiyuan/db';
import {
  divisionLevel,
  errors,
  instantIdCursor,
  isUuid,
  maskIdNumber,
  pageArgs,
  requireUuid,
  toConnection,
} from '@zhiyuan/kernel';
import type { Context } from '../context';
import { DishonestListingEntity, type CaseRef, type ExposureBoardRow } from '../entities';
import type { QueryExposureBoardArgs, QueryListingsArgs } from '../generated/resolvers-types';
import { canSeeListing, listingListFilters, requireSeeListing, requireSignedIn } from '../policy';

export async function listing(ctx: Context, id: string): Promise<DishonestListingEntity | null> {
  requireSignedIn(ctx.identity);
  const l = await ctx.loaders.listing.load(requireUuid('id', id));
  if (!l) return null;
  requireSeeListing(ctx.identity, l);
  return l;
}

export async function listings(ctx: Context, { status, divisionCode, first, after }: QueryListingsArgs) {
  const filters = listingListFilters(ctx.identity, divisionCode);
  const page = pageArgs({ first, after });
  const cursor = instantIdCursor(page.after);
  const q = ctx.runtime.ds
    .getRepository(DishonestListingEntity)
    .createQueryBuilder('l')
    .orderBy('l.listed_at', 'DESC')
    .addOrderBy('l.id', 'DESC')
    .limit(page.limit + 1);
  if (status) q.andWhere('l.status = :status', { status });
  for (const f of filters) q.andWhere(f.where, f.params);
  if (cursor) q.andWhere('(l.listed_at, l.id) < (:at, :id)', { at: cursor[0], id: cursor[1] });
  return toConnection(await q.getMany(), page.limit, (l) => [l.listedAt.toISOString(), l.id]);
}

/** A malformed id names no case: null for that reference, without a statement; the rest of the batch resolves. */
export function caseReference(ctx: Context, id: unknown): CaseRef | null {
  requireSignedIn(ctx.identity);
  return isUuid(id) ? { id } : null;
}

/** Listings of divisions outside the caller's scope are filtered out; a party sees its own. */
export async function caseListings(ctx: Context, caseId: string): Promise<DishonestListingEntity[]> {
  return (await ctx.loaders.listingsOfCase.load(caseId)).filter((l) => canSeeListing(ctx.identity, l));
}

/** A row of the exposure board as selected: the full number only until it is masked below; no address, no phone. */
interface BoardRow {
  listing_id: string;
  name: string;
  gender: 'MALE' | 'FEMALE' | null;
  birth_date: string | null;
  id_number: string;
  amount_owed_fen: string | null;
  outstanding_fen: string | null;
  ground: string;
  case_number: string | null;
  court: string | null;
  listed_at: Date;
}

/** The public exposure board (anonymous callers may read it): one statement whatever the page size. */
export async function exposureBoard(ctx: Context, { divisionCode, first, after }: QueryExposureBoardArgs) {
  const division = await ctx.loaders.division.load(divisionCode);
  if (!division) throw errors.notFound('Division', divisionCode);
  const page = pageArgs({ first, after }, 200);
  const cursor = instantIdCursor(page.after);
  const level = divisionLevel(division.code);
  const where =
    level === 'VILLAGE'
      ? 'l.village_code = $1'
      : level === 'TOWNSHIP'
        ? 'l.township_code = $1'
        : "coalesce(l.village_code, l.township_code) LIKE $1 || '%'";
  const params: unknown[] = [division.code, page.limit + 1];
  let after$ = '';
  if (cursor) {
    params.push(cursor[0], cursor[1]);
    after$ = 'AND (l.listed_at, l.id) < ($3::timestamptz, $4::uuid)';
  }
  const rows = await sqlRows<BoardRow>(
    ctx.runtime.ds,
    `SELECT l.id AS listing_id, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.id_number,
            c.amount_owed_fen, c.outstanding_fen, l.ground, c.case_number, c.court, l.listed_at
     FROM people.dishonest_listing l
     JOIN people.party p ON p.id = l.party_id
     LEFT JOIN people.case_projection c ON c.case_id = l.case_id
     WHERE l.status = 'ACTIVE' AND ${where} ${after$}
     ORDER BY l.listed_at DESC, l.id DESC LIMIT $2`,
    params,
  );
  // The full number is masked here, before the row leaves this function.
  const entries: ExposureBoardRow[] = rows.map((r) => ({
    listingId: r.listing_id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumberMasked: maskIdNumber(r.id_number),
    amountOwedFen: r.amount_owed_fen === null ? null : Number(r.amount_owed_fen),
    outstandingFen: r.outstanding_fen === null ? null : Number(r.outstanding_fen),
    ground: r.ground,
    caseNumber: r.case_number,
    court: r.court,
    listedAt: new Date(r.listed_at),
  }));
  const conn = toConnection(entries, page.limit, (e) => [e.listedAt.toISOString(), e.listingId]);
  return { divisionCode: division.code, divisionName: division.name, level: division.level, ...conn };
}
