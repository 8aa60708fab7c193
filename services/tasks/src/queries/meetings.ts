import {
  encodeCursor,
  instantIdCursor,
  pageArgs,
  requireSignedIn,
  requireUuid,
  requireVillageCode,
} from '@zhiyuan/kernel';
import type { Context } from '../context';
import { MeetingEntity, type MeetingInviteeEntity } from '../entities';
import { meetingFigures } from '../domain/meetings';
import { requireDivisionScope } from '../policy';

/** A meeting by id, for county-wide roles and staff of its village or above. */
export async function meetingById(ctx: Context, id: string): Promise<MeetingEntity | null> {
  requireSignedIn(ctx.identity);
  const m = await ctx.loaders.meeting.load(requireUuid('id', id));
  if (!m) return null;
  requireDivisionScope(ctx.identity, m.villageCode);
  return m;
}

/** The meetings of a village, latest first. */
export async function meetingsOfVillage(
  ctx: Context,
  villageCode: string,
  status: MeetingEntity['status'] | null | undefined,
  args: { first?: number | null; after?: string | null },
) {
  requireSignedIn(ctx.identity);
  requireVillageCode('villageCode', villageCode);
  requireDivisionScope(ctx.identity, villageCode);
  const { limit, after } = pageArgs(args);
  const cursor = instantIdCursor(after);
  const qb = ctx.runtime.ds
    .getRepository(MeetingEntity)
    .createQueryBuilder('m')
    .where('m.village_code = :villageCode', { villageCode });
  if (status) qb.andWhere('m.status = :status', { status });
  if (cursor) qb.andWhere('(m.scheduled_at, m.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
  const rows = await qb
    .orderBy('m.scheduled_at', 'DESC')
    .addOrderBy('m.id', 'DESC')
    .limit(limit + 1)
    .getMany();
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor([node.scheduledAt.toISOString(), node.id]), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function inviteesOfMeeting(ctx: Context, meetingId: string): Promise<MeetingInviteeEntity[]> {
  return ctx.loaders.inviteesOfMeeting.load(meetingId);
}

export async function figuresOfMeeting(ctx: Context, meetingId: string) {
  return meetingFigures(await ctx.loaders.inviteesOfMeeting.load(meetingId));
}

export async function inviteeName(ctx: Context, partyId: string): Promise<string | null> {
  return (await ctx.loaders.partyRef.load(partyId))?.name ?? null;
}
