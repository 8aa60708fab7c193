import { sqlExec } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import type { MeetingEntity } from '../entities';
import { requireMeetingScope } from '../policy';
import { idSchema } from './shared/input';
import { lockScheduledMeeting, noteMeetingChanges } from './shared/meetings';

/** Cancels a meeting not yet held. */
export async function cancelMeeting(ctx: Context, args: unknown): Promise<MeetingEntity> {
  requireSignedIn(ctx.identity);
  const { id } = parseInput(idSchema, args);
  return ctx.runtime.messaging.transaction(async (m) => {
    const meeting = await lockScheduledMeeting(m, id, 'CANCELLED');
    requireMeetingScope(ctx.identity, meeting.villageCode);
    await sqlExec(m, `UPDATE tasks.meeting SET status = 'CANCELLED' WHERE id = $1`, [id]);
    const cancelled = { ...meeting, status: 'CANCELLED' as const };
    noteMeetingChanges(meeting, cancelled);
    return cancelled;
  });
}
