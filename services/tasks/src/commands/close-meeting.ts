import { sqlExec } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { MeetingEntity, MeetingInviteeEntity } from '../entities';
import { meetingFigures } from '../domain/meetings';
import { requireMeetingScope } from '../policy';
import { idSchema } from './shared/input';
import { lockScheduledMeeting, noteMeetingChanges } from './shared/meetings';

/** Closes the meeting: invitees without an outcome are ABSENT; publishes `tasks.meeting.held`. */
export async function closeMeeting(ctx: Context, args: unknown): Promise<MeetingEntity> {
  requireSignedIn(ctx.identity);
  const { id } = parseInput(idSchema, args);
  const now = new Date();
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const meeting = await lockScheduledMeeting(m, id, 'HELD');
    requireMeetingScope(ctx.identity, meeting.villageCode);
    await sqlExec(
      m,
      `UPDATE tasks.meeting_invitee SET attended = false, outcome = 'ABSENT', recorded_at = $2 WHERE meeting_id = $1 AND outcome IS NULL`,
      [id, now],
    );
    await sqlExec(m, `UPDATE tasks.meeting SET status = 'HELD', held_at = $2 WHERE id = $1`, [id, now]);
    const invitees = await m
      .getRepository(MeetingInviteeEntity)
      .find({ where: { meetingId: id }, order: { partyId: 'ASC', caseId: 'ASC' } });
    const f = meetingFigures(invitees);
    await emit(
      'tasks.meeting.held',
      {
        meetingId: id,
        villageCode: meeting.villageCode,
        townshipCode: meeting.townshipCode,
        heldAt: now.toISOString(),
        invited: f.invited,
        attended: f.attended,
        paidInFull: f.paidInFull,
        instalmentPlans: f.instalmentPlans,
        outcomes: invitees.map((i) => ({
          partyId: i.partyId,
          caseId: i.caseId,
          outcome: i.outcome!,
          amountFen: i.amountFen,
          instalments: i.instalments,
        })),
      },
      { key: id, occurredAt: now },
    );
    const held = await m.getRepository(MeetingEntity).findOneByOrFail({ id });
    noteMeetingChanges(meeting, held);
    return held;
  });
}
