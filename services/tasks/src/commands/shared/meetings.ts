import { errors } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import { MeetingEntity } from '../../entities';
import { requireScheduled } from '../../domain/meetings';

/** Locks a meeting still scheduled, which is about to move to `to`. */
export async function lockScheduledMeeting(m: EntityManager, id: string, to: string): Promise<MeetingEntity> {
  const meeting = await m.getRepository(MeetingEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!meeting) throw errors.notFound('Meeting', id);
  requireScheduled(meeting, to);
  return meeting;
}
