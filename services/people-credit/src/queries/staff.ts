import { escapeLike, instantIdCursor, isUuid, maskPhone, pageArgs, requireUuid, toConnection } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { StaffEntity } from '../entities';
import type { QueryStaffMembersArgs } from '../generated/resolvers-types';
import { requireMayListStaff, requireSignedIn, staffPhoneInScope } from '../policy';

export function staff(ctx: Context, id: string): Promise<StaffEntity | null> {
  requireSignedIn(ctx.identity);
  return ctx.loaders.staff.load(requireUuid('id', id));
}

/** A malformed id names no staff member: null for that reference, the rest of the batch resolves. */
export async function staffReference(ctx: Context, id: unknown): Promise<StaffEntity | null> {
  requireSignedIn(ctx.identity);
  return isUuid(id) ? ctx.loaders.staff.load(id) : null;
}

export async function staffMembers(ctx: Context, { divisionCode, role, first, after }: QueryStaffMembersArgs) {
  requireMayListStaff(ctx.identity);
  const page = pageArgs({ first, after });
  const cursor = instantIdCursor(page.after);
  const q = ctx.runtime.ds
    .getRepository(StaffEntity)
    .createQueryBuilder('s')
    .where('s.active')
    .orderBy('s.created_at')
    .addOrderBy('s.id')
    .limit(page.limit + 1);
  if (divisionCode) q.andWhere("s.division_code LIKE :c ESCAPE '\\'", { c: `${escapeLike(divisionCode)}%` });
  if (role) q.andWhere(':role = ANY (s.roles)', { role });
  if (cursor) q.andWhere('(s.created_at, s.id) > (:at, :id)', { at: cursor[0], id: cursor[1] });
  return toConnection(await q.getMany(), page.limit, (s) => [s.createdAt.toISOString(), s.id]);
}

export function staffPhone(ctx: Context, s: StaffEntity): string | null {
  if (!s.phone) return null;
  return staffPhoneInScope(ctx.identity, s) ? s.phone : maskPhone(s.phone);
}
