import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { chinaCalendar, errors, instantIdCursor, maskIdNumber, pageArgs, toConnection } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { CreditLinkChangeEntity, PartyEntity } from '../entities';
import type {
  PartnerDepartment,
  QueryPartnerCreditStatusArgs,
  QueryUnacknowledgedCreditChangesArgs,
} from '../generated/resolvers-types';
import { requirePartnerDepartment } from '../policy';
import { requireIdNumber } from './parties';

/** A party's status at one partner department, by ID number: masked number, status and since when; no name, no case details. */
export async function partnerCreditStatus(ctx: Context, { idNumber, department }: QueryPartnerCreditStatusArgs) {
  const dept = requirePartnerDepartment(ctx.identity, department);
  if (!dept) throw errors.validation('department', 'Name the partner department');
  const number = requireIdNumber(idNumber);
  const party = await ctx.runtime.ds.getRepository(PartyEntity).findOneBy({ idNumber: number });
  if (!party) throw errors.notFound('Party with ID number', maskIdNumber(number));
  const link = (await ctx.loaders.linksOfParty.load(party.id)).find((l) => l.department === dept);
  return {
    department: dept as PartnerDepartment,
    status: link?.status ?? 'CLEAR',
    idNumberMasked: maskIdNumber(party.idNumber),
    changedAt: link?.changedAt ?? null,
  };
}

/** Changes not yet acknowledged, oldest first; `olderThanWorkingDays` counts China's working days (holidays skipped, make-up days worked). */
export async function unacknowledgedCreditChanges(
  ctx: Context,
  { department, olderThanWorkingDays, first, after }: QueryUnacknowledgedCreditChangesArgs,
) {
  const dept = requirePartnerDepartment(ctx.identity, department);
  if (dept && !(PARTNER_DEPARTMENTS as readonly string[]).includes(dept))
    throw errors.validation('department', 'Unknown partner department');
  if (
    olderThanWorkingDays !== null &&
    olderThanWorkingDays !== undefined &&
    (olderThanWorkingDays < 0 || olderThanWorkingDays > 365)
  ) {
    throw errors.validation('olderThanWorkingDays', 'olderThanWorkingDays is between 0 and 365');
  }
  const page = pageArgs({ first, after });
  const cursor = instantIdCursor(page.after);
  const q = ctx.runtime.ds
    .getRepository(CreditLinkChangeEntity)
    .createQueryBuilder('c')
    .where('c.acknowledged_at IS NULL')
    .orderBy('c.changed_at')
    .addOrderBy('c.id')
    .limit(page.limit + 1);
  if (dept) q.andWhere('c.department = :dept', { dept });
  if (olderThanWorkingDays)
    q.andWhere('c.changed_at < :cutoff', { cutoff: chinaCalendar.shiftWorkingDays(new Date(), -olderThanWorkingDays) });
  if (cursor) q.andWhere('(c.changed_at, c.id) > (:at, :id)', { at: cursor[0], id: cursor[1] });
  return toConnection(await q.getMany(), page.limit, (c) => [c.changedAt.toISOString(), c.id]);
}

export async function changeIdNumberMasked(ctx: Context, c: CreditLinkChangeEntity): Promise<string> {
  const p = await ctx.loaders.party.load(c.partyId);
  return p ? maskIdNumber(p.idNumber) : '';
}
