import { randomUUID } from 'node:crypto';
import { sqlExec, sqlRows } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { MeetingEntity } from '../entities';
import { meetingTownship } from '../domain/meetings';
import { queueNotification } from '../notifications/queue';
import { chineseTime } from '../notifications/templates';
import { requireMeetingScope } from '../policy';
import { isoInstant, text, villageCode } from './shared/input';

const meetingSchema = z.object({
  villageCode,
  title: text(200),
  venue: text(200),
  scheduledAt: isoInstant,
});

/** Schedules a meeting, invites every obligor with an open case homed in the village and queues their invitations. */
export async function scheduleMeeting(ctx: Context, input: unknown): Promise<MeetingEntity> {
  requireSignedIn(ctx.identity);
  const i = parseInput(meetingSchema, input);
  requireMeetingScope(ctx.identity, i.villageCode);
  const scheduledAt = new Date(i.scheduledAt);
  const now = new Date();
  return ctx.runtime.messaging.transaction(async (m) => {
    const id = randomUUID();
    await sqlExec(
      m,
      `INSERT INTO tasks.meeting (id, village_code, township_code, title, venue, scheduled_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, i.villageCode, meetingTownship(i.villageCode), i.title, i.venue, scheduledAt, ctx.identity.sub, now],
    );
    const invited = await sqlRows<{ party_id: string }>(
      m,
      `INSERT INTO tasks.meeting_invitee (meeting_id, party_id, case_id)
       SELECT $1, cp.party_id, c.case_id FROM tasks.case_ref c
       JOIN tasks.case_party cp ON cp.case_id = c.case_id AND cp.role = 'OBLIGOR'
       WHERE c.status = 'OPEN' AND c.village_code = $2
       RETURNING party_id`,
      [id, i.villageCode],
    );
    for (const partyId of new Set(invited.map((r) => r.party_id))) {
      await queueNotification(m, {
        dedupeKey: `meeting:${id}:MEETING_INVITATION:party:${partyId}`,
        template: 'MEETING_INVITATION',
        vars: { title: i.title, venue: i.venue, time: chineseTime(scheduledAt) },
        caseId: null,
        recipientRole: 'INVITEE',
        recipientPartyId: partyId,
        now,
      });
    }
    return m.getRepository(MeetingEntity).findOneByOrFail({ id });
  });
}
