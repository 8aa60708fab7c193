import { sqlRow } from '@zhiyuan/db';
import { DomainError } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import { mayTakeTasksOf } from '../../domain/tasks';

/** An active staff member named in an input (`field`); NOT_FOUND otherwise. */
export async function requireActiveStaff(
  m: EntityManager,
  staffId: string,
  field: string,
): Promise<{ divisionCode: string | null }> {
  const staff = await sqlRow<{ divisionCode: string | null }>(
    m,
    `SELECT division_code AS "divisionCode" FROM tasks.staff_ref WHERE staff_id = $1 AND active`,
    [staffId],
  );
  if (!staff)
    throw new DomainError('NOT_FOUND', `Staff ${staffId} was not found`, { entity: 'Staff', id: staffId, field });
  return staff;
}

/** An assignee of a task in `taskDivisionCode`: active staff of that division or of one above it. */
export async function requireAssignee(
  m: EntityManager,
  staffId: string,
  taskDivisionCode: string,
  field: string,
): Promise<void> {
  const { divisionCode } = await requireActiveStaff(m, staffId, field);
  if (!mayTakeTasksOf(divisionCode, taskDivisionCode)) {
    throw new DomainError(
      'RULE_VIOLATION',
      `This staff member works outside division ${taskDivisionCode} and cannot take its tasks`,
      { rule: 'ASSIGNEE_OF_DIVISION', field },
    );
  }
}
