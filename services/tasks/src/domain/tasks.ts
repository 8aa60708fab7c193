import { errors } from '@zhiyuan/kernel';
import type { TaskEntity, TaskStatus } from '../entities';

/** The statuses of a task still to be worked. */
export const OPEN_STATUSES = ['OPEN', 'IN_PROGRESS'] as const satisfies readonly TaskStatus[];

export function isOpen(t: Pick<TaskEntity, 'status'>): boolean {
  return (OPEN_STATUSES as readonly TaskStatus[]).includes(t.status);
}

/** A task still open may move to `to`; a done or cancelled one moves nowhere. */
export function requireOpen(t: Pick<TaskEntity, 'status'>, to: string): void {
  if (!isOpen(t)) throw errors.invalidTransition(t.status, to, 'task');
}

/** Only an OPEN task starts. */
export function requireStartable(t: Pick<TaskEntity, 'status'>): void {
  if (t.status !== 'OPEN') throw errors.invalidTransition(t.status, 'IN_PROGRESS', 'task');
}

/** The fields every task event carries. */
export function taskFields(t: TaskEntity) {
  return {
    taskId: t.id,
    caseId: t.caseId,
    obligorId: t.obligorId,
    type: t.type,
    level: t.level,
    divisionCode: t.divisionCode,
  };
}

/** The keyset cursor of a task list ordered by due time. */
export const taskCursor = (t: TaskEntity): unknown[] => [t.dueAt.toISOString(), t.id];

/**
 * A task goes to staff of its own division or of a level above it (the village's cadres, its
 * township's staff, county staff), never to a cadre of another village or township.
 */
export function mayTakeTasksOf(staffDivisionCode: string | null, taskDivisionCode: string): boolean {
  return !!staffDivisionCode && taskDivisionCode.startsWith(staffDivisionCode);
}
