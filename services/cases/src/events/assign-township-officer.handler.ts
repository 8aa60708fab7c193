import { defineHandler, sqlExec, type Emit } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import { divisionLevel } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import { CaseEntity } from '../entities';
import { assignOfficer, fixedOfficerOf } from '../commands/shared/routing';

const OPEN_FILED = `c.state IN ('ENFORCEMENT_FILED', 'IN_PROGRESS', 'SETTLED') AND c.closed_at IS NULL`;

/**
 * Keeps the local projection of staff, and the rule that every open enforcement case of a township
 * is with that township's fixed officer: a new officer picks up the township's unassigned cases; an
 * officer who leaves (deactivated, role or township changed) hands theirs to the township's next one.
 */
async function apply(
  event: EventEnvelope<'people.staff.registered'> | EventEnvelope<'people.staff.updated'>,
  manager: EntityManager,
  emit: Emit,
): Promise<void> {
  const s = event.payload;
  await sqlExec(
    manager,
    `INSERT INTO cases.staff_member (staff_id, name, roles, division_code, active, registered_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (staff_id) DO UPDATE SET name = EXCLUDED.name, roles = EXCLUDED.roles, division_code = EXCLUDED.division_code, active = EXCLUDED.active`,
    [s.staffId, s.name, s.roles, s.divisionCode, s.active, new Date(event.occurredAt)],
  );
  const actor = `event:${event.type}`;
  const now = new Date();
  const isOfficer =
    s.active &&
    s.roles.includes('ENFORCEMENT_OFFICER') &&
    !!s.divisionCode &&
    divisionLevel(s.divisionCode) === 'TOWNSHIP';
  const repo = manager.getRepository(CaseEntity);

  // Cases this person holds outside what they now cover go to their township's fixed officer.
  const leaving = await repo
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where(`c.officer_id = :id AND ${OPEN_FILED}`, { id: s.staffId })
    .andWhere(isOfficer ? 'c.township_code IS DISTINCT FROM :t' : 'TRUE', { t: s.divisionCode })
    .getMany();
  for (const c of leaving) {
    await assignOfficer(
      manager,
      emit,
      c,
      await fixedOfficerOf(manager, c.townshipCode, s.staffId),
      'officer left the township',
      actor,
      now,
    );
  }
  if (!isOfficer) return;
  const fixed = await fixedOfficerOf(manager, s.divisionCode);
  const waiting = await repo
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where(`c.township_code = :t AND c.officer_id IS NULL AND ${OPEN_FILED}`, { t: s.divisionCode })
    .getMany();
  for (const c of waiting) await assignOfficer(manager, emit, c, fixed, 'township officer available', actor, now);
}

export const assignOfficerOnStaffRegistered = defineHandler({
  name: 'assign-township-officer-on-staff-registration',
  subject: 'people.staff.registered',
  handle: apply,
});

export const assignOfficerOnStaffUpdated = defineHandler({
  name: 'assign-township-officer-on-staff-update',
  subject: 'people.staff.updated',
  handle: apply,
});
