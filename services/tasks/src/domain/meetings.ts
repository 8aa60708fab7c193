import { randomUUID } from 'node:crypto';
import type { Identity } from '@zhiyuan/auth';
import { errors, type ServiceRuntime } from '@zhiyuan/server';
import type { EntityManager } from 'typeorm';
import { MeetingEntity, MeetingInviteeEntity, type MeetingOutcome } from '../entities';
import { queueNotification } from '../notifications/queue';
import { chineseTime } from '../notifications/templates';
import { transitionError } from './errors';

export function meetingFigures(invitees: MeetingInviteeEntity[]) {
  return {
    invited: new Set(invitees.map((i) => i.partyId)).size,
    attended: new Set(invitees.filter((i) => i.attended).map((i) => i.partyId)).size,
    paidInFull: invitees.filter((i) => i.outcome === 'PAID_IN_FULL').length,
    instalmentPlans: invitees.filter((i) => i.outcome === 'INSTALMENT_AGREED').length,
    amountPaidFen: invitees.reduce((s, i) => s + (i.outcome === 'PAID_IN_FULL' ? (i.amountFen ?? 0) : 0), 0),
  };
}

export interface ScheduleMeeting {
  villageCode: string;
  title: string;
  venue: string;
  scheduledAt: Date;
}

/** Schedules a meeting, invites every obligor with an open case homed in the village and queues their invitations. */
export async function scheduleMeeting(runtime: ServiceRuntime, identity: Identity, input: ScheduleMeeting, now: Date): Promise<MeetingEntity> {
  return runtime.messaging.transaction(async (m) => {
    const id = randomUUID();
    await m.query(
      `INSERT INTO tasks.meeting (id, village_code, township_code, title, venue, scheduled_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, input.villageCode, input.villageCode.slice(0, 9), input.title, input.venue, input.scheduledAt, identity.sub, now],
    );
    const invited: { party_id: string }[] = await m.query(
      `INSERT INTO tasks.meeting_invitee (meeting_id, party_id, case_id)
       SELECT $1, cp.party_id, c.case_id FROM tasks.case_ref c
       JOIN tasks.case_party cp ON cp.case_id = c.case_id AND cp.role = 'OBLIGOR'
       WHERE c.status = 'OPEN' AND c.village_code = $2
       RETURNING party_id`,
      [id, input.villageCode],
    );
    for (const partyId of new Set(invited.map((r) => r.party_id))) {
      await queueNotification(m, {
        dedupeKey: `meeting:${id}:MEETING_INVITATION:party:${partyId}`,
        template: 'MEETING_INVITATION',
        vars: { title: input.title, venue: input.venue, time: chineseTime(input.scheduledAt) },
        caseId: null,
        recipientRole: 'INVITEE',
        recipientPartyId: partyId,
        now,
      });
    }
    return m.getRepository(MeetingEntity).findOneByOrFail({ id });
  });
}

export interface OutcomeInput {
  meetingId: string;
  partyId: string;
  caseId: string;
  outcome: MeetingOutcome;
  amountFen?: number | null;
  instalments?: { dueDate: string; amountFen: number }[] | null;
  note?: string | null;
}

export async function lockScheduledMeeting(m: EntityManager, id: string, to: string): Promise<MeetingEntity> {
  const meeting = await m.getRepository(MeetingEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!meeting) throw errors.notFound('Meeting', id);
  if (meeting.status !== 'SCHEDULED') throw transitionError('A meeting', meeting.status, to);
  return meeting;
}

/** Records one invitee's attendance and outcome; only invitees of a meeting not yet closed. */
export async function recordOutcome(m: EntityManager, input: OutcomeInput, now: Date): Promise<void> {
  // An UPDATE through TypeORM answers [rows, affected].
  const [updated]: [unknown[], number] = await m.query(
    `UPDATE tasks.meeting_invitee SET attended = $4, outcome = $5, amount_fen = $6, instalments = $7, note = $8, recorded_at = $9
     WHERE meeting_id = $1 AND party_id = $2 AND case_id = $3 RETURNING party_id`,
    [
      input.meetingId,
      input.partyId,
      input.caseId,
      input.outcome !== 'ABSENT',
      input.outcome,
      input.outcome === 'PAID_IN_FULL' ? input.amountFen : null,
      input.outcome === 'INSTALMENT_AGREED' ? JSON.stringify(input.instalments) : null,
      input.note ?? null,
      now,
    ],
  );
  if (updated.length === 0) throw errors.rule('MEETING_INVITEES_ONLY', 'This person was not invited to the meeting on this case');
}

/** Closes the meeting: invitees without an outcome are ABSENT; publishes `tasks.meeting.held`. */
export async function closeMeeting(runtime: ServiceRuntime, id: string, now: Date, authorize: (m: MeetingEntity) => void): Promise<MeetingEntity> {
  return runtime.messaging.transaction(async (m, emit) => {
    const meeting = await lockScheduledMeeting(m, id, 'HELD');
    authorize(meeting);
    await m.query(`UPDATE tasks.meeting_invitee SET attended = false, outcome = 'ABSENT', recorded_at = $2 WHERE meeting_id = $1 AND outcome IS NULL`, [id, now]);
    await m.query(`UPDATE tasks.meeting SET status = 'HELD', held_at = $2 WHERE id = $1`, [id, now]);
    const invitees = await m.getRepository(MeetingInviteeEntity).find({ where: { meetingId: id }, order: { partyId: 'ASC', caseId: 'ASC' } });
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
    return m.getRepository(MeetingEntity).findOneByOrFail({ id });
  });
}
