import { randomUUID } from 'node:crypto';
import { maskForAudit, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { FormEntity, TaskEntity } from '../entities';
import { feedbackResult, requireFeedbackTask, tasksAnsweredByFeedback, whereaboutsSummary } from '../domain/forms';
import { requireOpen } from '../domain/tasks';
import { canWorkTask, deny } from '../policy';
import { emitForm, insertForm } from './shared/forms';
import { fen, optionalText, uuid } from './shared/input';
import { finishTask, lockTask, noteTaskChanges, taskAuditState } from './shared/tasks';

const sighting = z.object({ seen: z.boolean(), note: optionalText(500) });
const feedbackSchema = z
  .object({
    taskId: uuid,
    found: z.boolean(),
    whereabouts: optionalText(500),
    contact: optionalText(100),
    employment: optionalText(200),
    assets: z.object({
      realEstate: sighting,
      vehicles: sighting,
      deposits: sighting,
      business: sighting,
      estimatedValueFen: fen.nullish(),
    }),
    notes: optionalText(2000),
  })
  .refine((f) => !f.found || !!f.whereabouts, {
    path: ['whereabouts'],
    message: 'is required when the obligor was found',
  });

/**
 * Files the whereabouts and property feedback on a locate or find-assets task: the form covers both
 * halves of 查人找物, so it completes the task it answers and the other open one of the same obligor
 * on the case.
 */
export async function submitWhereaboutsFeedback(ctx: Context, input: unknown): Promise<FormEntity> {
  requireSignedIn(ctx.identity);
  const a = parseInput(feedbackSchema, input);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const task = await lockTask(m, a.taskId);
    if (!canWorkTask(ctx.identity, task)) deny();
    requireFeedbackTask(task);
    requireOpen(task, 'DONE');
    const before = taskAuditState(task);
    const now = new Date();
    const id = randomUUID();
    const summary = whereaboutsSummary(a);
    const form = {
      id,
      formType: 'WHEREABOUTS_FEEDBACK' as const,
      partyId: task.obligorId!,
      caseId: task.caseId,
      taskId: task.id,
      summary,
      submittedAt: now,
    };
    await insertForm(m, { ...form, answers: a, submittedBy: ctx.identity.sub });
    const siblings = await m.getRepository(TaskEntity).find({
      where: { caseId: task.caseId ?? undefined, obligorId: task.obligorId ?? undefined },
      lock: { mode: 'pessimistic_write' },
    });
    for (const t of tasksAnsweredByFeedback(task, siblings)) {
      const done = await finishTask(m, emit, t, 'DONE', { result: feedbackResult(a, id) }, now);
      // The entry is about the task the form answers; the sibling it also completes has its own event.
      // The result's summary says where the obligor was found: the log keeps it as it keeps an address.
      if (done.id === task.id)
        noteTaskChanges(before, {
          ...done,
          result: done.result && { ...done.result, summary: String(maskForAudit('address', done.result.summary)) },
        });
    }
    await emitForm(emit, form);
    return m.getRepository(FormEntity).findOneByOrFail({ id });
  });
}
