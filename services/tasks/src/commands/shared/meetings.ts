import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import { MeetingEntity, type MeetingInviteeEntity } from '../../entities';
import { requireScheduled } from '../../domain/meetings';

/** Locks a meeting still scheduled, which is about to move to `to`. */
export async function lockScheduledMeeting(m: EntityManager, id: string, to: string): Promise<MeetingEntity> {
  const meeting = await m.getRepository(MeetingEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!meeting) throw errors.notFound('Meeting', id);
  requireScheduled(meeting, to);
  return meeting;
}

/** Tells the mutation's audit entry how the meeting itself changed (closing or calling it off). */
export function noteMeetingChanges(before: MeetingEntity, after: MeetingEntity): void {
  noteAuditChanges(auditChanges({ ...before }, { ...after }, ['status', 'heldAt']));
}

/** What recording an invitee's outcome may change on the invitee's row. */
const INVITEE_AUDIT_FIELDS = ['attended', 'outcome', 'amountFen', 'instalments', 'note'] as const;

/** Tells the mutation's audit entry how an invitee's attendance and outcome changed. */
export function noteInviteeChanges(before: MeetingInviteeEntity, after: MeetingInviteeEntity): void {
  noteAuditChanges(auditChanges({ ...before }, { ...after }, INVITEE_AUDIT_FIELDS));
}
