import { divisionLevel, errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import type { TaskEntity } from '../entities';
import { canManageTasksIn, deny, requireMayOpenTasksIn } from '../policy';
import { isObligorOf, notObligor, requireCase } from './shared/cases';
import { divisionCode, isoInstant, optionalText, text, uuid } from './shared/input';
import { requireAssignee } from './shared/staff';
import { openTask } from './shared/tasks';

const TASK_TYPES = [
  'LOCATE_PERSON',
  'FIND_ASSETS',
  'SERVE_DOCUMENT',
  'INTERVIEW',
  'MEDIATE',
  'HOME_VISIT',
  'FOLLOW_UP_CALL',
] as const;
const LEVELS = ['COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;

const createTaskSchema = z
  .object({
    caseId: uuid,
    obligorId: uuid.nullish(),
    type: z.enum(TASK_TYPES),
    level: z.enum(LEVELS),
    divisionCode,
    title: text(200),
    note: optionalText(2000),
    assigneeId: uuid.nullish(),
    assigneeDepartment: optionalText(100),
    dueAt: isoInstant,
  })
  .refine((i) => divisionLevel(i.divisionCode) === i.level, {
    path: ['divisionCode'],
    message: 'does not match the level (county 6 digits, township 9, village 12)',
  });

/** Opens a task by hand on an open case; its obligor must be one of the case's, its assignee staff of its division or above. */
export async function createTask(ctx: Context, input: unknown): Promise<TaskEntity> {
  requireSignedIn(ctx.identity);
  const i = parseInput(createTaskSchema, input);
  requireMayOpenTasksIn(ctx.identity, i.divisionCode);
  const now = new Date();
  if (Date.parse(i.dueAt) <= now.getTime()) throw errors.validation('dueAt', 'dueAt must be in the future');
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const { ref, parties } = await requireCase(m, i.caseId);
    if (!canManageTasksIn(ctx.identity, i.divisionCode, ref.judgeId)) deny('You cannot open tasks on this case');
    if (ref.status !== 'OPEN') throw errors.rule('CASE_OPEN', 'The case is closed; no new tasks');
    if (i.obligorId && !isObligorOf(parties, i.obligorId)) throw notObligor('obligorId');
    if (i.assigneeId) await requireAssignee(m, i.assigneeId, i.divisionCode, 'assigneeId');
    const task = await openTask(m, emit, {
      caseId: i.caseId,
      obligorId: i.obligorId ?? null,
      type: i.type,
      level: i.level,
      divisionCode: i.divisionCode,
      title: i.title,
      note: i.note ?? null,
      assigneeId: i.assigneeId ?? null,
      assigneeDepartment: i.assigneeDepartment ?? null,
      dueAt: new Date(i.dueAt),
      origin: 'MANUAL',
      createdBy: ctx.identity.sub,
      now,
    });
    return task!;
  });
}
