import { requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import type { TaskEntity } from '../entities';
import { requireOpen } from '../domain/tasks';
import { canWorkTask, deny } from '../policy';
import { text, uuid } from './shared/input';
import { finishTask, lockTask, noteTaskChanges, taskAuditState } from './shared/tasks';

const completeSchema = z.object({
  id: uuid,
  outcome: z.enum(['ACCOMPLISHED', 'PARTIAL', 'NOT_ACCOMPLISHED']),
  summary: text(2000),
  contactMade: z.boolean().nullish(),
});

/** Closes an open task as DONE with its result. */
export async function completeTask(ctx: Context, input: unknown): Promise<TaskEntity> {
  requireSignedIn(ctx.identity);
  const i = parseInput(completeSchema, input);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const t = await lockTask(m, i.id);
    if (!canWorkTask(ctx.identity, t)) deny();
    requireOpen(t, 'DONE');
    const before = taskAuditState(t);
    const done = await finishTask(
      m,
      emit,
      t,
      'DONE',
      { result: { outcome: i.outcome, summary: i.summary, contactMade: i.contactMade ?? null, formId: null } },
      new Date(),
    );
    noteTaskChanges(before, done);
    return done;
  });
}
