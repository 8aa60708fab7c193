import { sqlExec } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { TaskEntity } from '../entities';
import { requireOpen, taskFields } from '../domain/tasks';
import { canManageTasksIn, deny } from '../policy';
import { judgeOfCase } from './shared/cases';
import { uuid } from './shared/input';
import { requireAssignee } from './shared/staff';
import { lockTask, noteTaskChanges, taskAuditState } from './shared/tasks';

const assignTaskSchema = z.object({ id: uuid, assigneeId: uuid });

/** Gives an open task to staff of its division (or one above it). */
export async function assignTask(ctx: Context, args: unknown): Promise<TaskEntity> {
  requireSignedIn(ctx.identity);
  const { id, assigneeId } = parseInput(assignTaskSchema, args);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const t = await lockTask(m, id);
    if (!canManageTasksIn(ctx.identity, t.divisionCode, await judgeOfCase(m, t.caseId))) deny();
    requireOpen(t, t.status);
    await requireAssignee(m, assigneeId, t.divisionCode, 'assigneeId');
    const before = taskAuditState(t);
    await sqlExec(m, `UPDATE tasks.task SET assignee_id = $2, updated_at = now() WHERE id = $1`, [id, assigneeId]);
    const after = await m.getRepository(TaskEntity).findOneByOrFail({ id });
    noteTaskChanges(before, after);
    // Written with the change (outbox), so `taskAssigned` subscribers hear every assignment, not only creation.
    await emit('tasks.task.assigned', assignedPayload(after, t.assigneeId), { key: after.id });
    return after;
  });
}

function assignedPayload(t: TaskEntity, previousAssigneeId: string | null) {
  return {
    ...taskFields(t),
    assigneeId: t.assigneeId!,
    previousAssigneeId,
    assigneeDepartment: t.assigneeDepartment,
    dueAt: t.dueAt.toISOString(),
    assignedAt: new Date().toISOString(),
  };
}
