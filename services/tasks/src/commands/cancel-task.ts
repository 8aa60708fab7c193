import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import type { TaskEntity } from '../entities';
import { requireOpen } from '../domain/tasks';
import { canManageTasksIn, deny } from '../policy';
import { judgeOfCase } from './shared/cases';
import { text, uuid } from './shared/input';
import { finishTask, lockTask, noteTaskChanges, taskAuditState } from './shared/tasks';

const cancelTaskSchema = z.object({ id: uuid, reason: text(500) });

/** Cancels an open task with a reason. */
export async function cancelTask(ctx: Context, args: unknown): Promise<TaskEntity> {
  requireSignedIn(ctx.identity);
  const { id, reason } = parseInput(cancelTaskSchema, args);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const t = await lockTask(m, id);
    if (!canManageTasksIn(ctx.identity, t.divisionCode, await judgeOfCase(m, t.caseId))) deny();
    requireOpen(t, 'CANCELLED');
    const before = taskAuditState(t);
    const cancelled = await finishTask(m, emit, t, 'CANCELLED', { cancelReason: reason }, new Date());
    noteTaskChanges(before, cancelled);
    return cancelled;
  });
}
