import {
  countyOf,
  divisionLevel,
  errors,
  escapeLike,
  pageArgs,
  toConnection,
  townshipOf,
  villageOf,
} from '@zhiyuan/kernel';
import type { Context } from '../context';
import { DivisionEntity, StaffEntity } from '../entities';
import type { QueryDivisionsArgs } from '../generated/resolvers-types';
import { requireSignedIn } from '../policy';

export function division(ctx: Context, code: string): Promise<DivisionEntity | null> {
  requireSignedIn(ctx.identity);
  return ctx.loaders.division.load(code);
}

export async function divisions(ctx: Context, { search, level, first, after }: QueryDivisionsArgs) {
  requireSignedIn(ctx.identity);
  const page = pageArgs({ first, after });
  const q = ctx.runtime.ds
    .getRepository(DivisionEntity)
    .createQueryBuilder('d')
    .where('d.retired_on IS NULL')
    .orderBy('d.code')
    .limit(page.limit + 1);
  if (search?.trim()) q.andWhere("d.name LIKE :s ESCAPE '\\'", { s: `%${escapeLike(search.trim())}%` });
  if (level) q.andWhere('d.level = :level', { level });
  if (page.after) q.andWhere('d.code > :after', { after: String(page.after[0]) });
  return toConnection(await q.getMany(), page.limit, (d) => [d.code]);
}

export function enforcementOfficerOf(ctx: Context, townshipCode: string): Promise<StaffEntity | null> {
  requireSignedIn(ctx.identity);
  if (divisionLevel(townshipCode) !== 'TOWNSHIP')
    throw errors.validation('townshipCode', 'A township code has 9 digits');
  return ctx.runtime.ds
    .getRepository(StaffEntity)
    .createQueryBuilder('s')
    .where(`s.division_code = :c AND s.active AND 'ENFORCEMENT_OFFICER' = ANY (s.roles)`, { c: townshipCode })
    .getOne();
}

/** Codes nest by prefix, so the path of a village is its county, township and itself. */
export async function divisionPath(ctx: Context, code: string): Promise<DivisionEntity[]> {
  const codes = [countyOf(code), townshipOf(code), villageOf(code)].filter((c): c is string => !!c);
  return (await ctx.loaders.division.loadMany(codes)).filter((x): x is DivisionEntity => !!x && !(x instanceof Error));
}

/** The fixed enforcement officer of a township (none for a county or village). */
export async function divisionEnforcementOfficer(ctx: Context, d: DivisionEntity): Promise<StaffEntity | null> {
  if (d.level !== 'TOWNSHIP') return null;
  return (await ctx.loaders.staffOfDivision.load(d.code)).find((s) => s.roles.includes('ENFORCEMENT_OFFICER')) ?? null;
}
