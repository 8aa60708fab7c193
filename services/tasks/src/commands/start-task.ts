import { sqlExec } from '@zhiyuan/db';
import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { TaskEntity } from '../entities';
import { requireStartable } from '../domain/tasks';
import { canWorkTask, deny } from '../policy';
import { idSchema } from './shared/input';
import { lockTask, noteTaskChanges, taskAuditState } from './shared/tasks';

/** Its holder (or division staff in scope) starts working an open task. */
export async function startTask(ctx: Context, args: unknown): Promise<TaskEntity> {
  requireSignedIn(ctx.identity);
  const { id } = parseInput(idSchema, args);
  return ctx.runtime.messaging.transaction(async (m) => {
    const t = await lockTask(m, id);
    if (!canWorkTask(ctx.identity, t)) deny();
    requireStartable(t);
    const before = taskAuditState(t);
    await sqlExec(
      m,
      `UPDATE tasks.task SET status = 'IN_PROGRESS', started_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
    const after = await m.getRepository(TaskEntity).findOneByOrFail({ id });
    noteTaskChanges(before, after);
    return after;
  });
}
