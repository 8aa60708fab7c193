import { sqlExec } from '@zhiyuan/db';
import { errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { MeetingInviteeEntity, type MeetingEntity } from '../entities';
import { outcomeRecord } from '../domain/meetings';
import { requireMeetingScope } from '../policy';
import { fen, isoDay, optionalText, uuid } from './shared/input';
import { lockScheduledMeeting, noteInviteeChanges } from './shared/meetings';

const outcomeSchema = z
  .object({
    meetingId: uuid,
    partyId: uuid,
    caseId: uuid,
    outcome: z.enum(['PAID_IN_FULL', 'INSTALMENT_AGREED', 'DECLARATION_FILED', 'ABSENT', 'REFUSED']),
    amountFen: fen.nullish(),
    instalments: z
      .array(z.object({ dueDate: isoDay, amountFen: fen.positive('must be more than zero') }))
      .max(60)
      .nullish(),
    note: optionalText(1000),
  })
  .refine((o) => o.outcome !== 'PAID_IN_FULL' || (o.amountFen ?? 0) > 0, {
    path: ['amountFen'],
    message: 'is required for PAID_IN_FULL',
  })
  .refine((o) => o.outcome !== 'INSTALMENT_AGREED' || (o.instalments?.length ?? 0) > 0, {
    path: ['instalments'],
    message: 'are required for INSTALMENT_AGREED',
  });

/** Records one invitee's attendance and outcome; only invitees of a meeting not yet closed. */
export async function recordMeetingOutcome(ctx: Context, input: unknown): Promise<MeetingEntity> {
  requireSignedIn(ctx.identity);
  const i = parseInput(outcomeSchema, input);
  return ctx.runtime.messaging.transaction(async (m) => {
    const meeting = await lockScheduledMeeting(m, i.meetingId, 'HELD');
    requireMeetingScope(ctx.identity, meeting.villageCode);
    const r = outcomeRecord(i);
    const key = { meetingId: i.meetingId, partyId: i.partyId, caseId: i.caseId };
    const before = await m.getRepository(MeetingInviteeEntity).findOneBy(key);
    if (!before) throw errors.rule('MEETING_INVITEES_ONLY', 'This person was not invited to the meeting on this case');
    await sqlExec(
      m,
      `UPDATE tasks.meeting_invitee SET attended = $4, outcome = $5, amount_fen = $6, instalments = $7, note = $8, recorded_at = $9
     WHERE meeting_id = $1 AND party_id = $2 AND case_id = $3`,
      [
        i.meetingId,
        i.partyId,
        i.caseId,
        r.attended,
        i.outcome,
        r.amountFen,
        r.instalments ? JSON.stringify(r.instalments) : null,
        i.note ?? null,
        new Date(),
      ],
    );
    noteInviteeChanges(before, await m.getRepository(MeetingInviteeEntity).findOneByOrFail(key));
    return meeting;
  });
}
