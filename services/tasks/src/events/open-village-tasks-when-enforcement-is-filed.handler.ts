import { defineHandler, sqlExec, type Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import { deferCaseWork, lockCase, resolveRoute, upsertCaseRef } from '../commands/shared/cases';
import { openPlannedTasks } from '../commands/shared/tasks';
import { planTasks, type SlaDays } from '../domain/task-rules';

/**
 * An enforcement case was filed: the village looks for the person and the assets, and serves
 * documents when needed. When nobody knows the obligor's home yet, the tasks wait for the case's routing.
 */
export const openVillageTasksWhenEnforcementIsFiledWith = (sla: SlaDays = {}) =>
  defineHandler({
    name: 'open-village-tasks-when-enforcement-is-filed',
    subject: 'cases.enforcement.filed',
    handle: async ({ payload }, m, emit) => {
      await lockCase(m, payload.caseId);
      await startEnforcementWork(m, emit, payload, sla);
    },
  });
export const openVillageTasksWhenEnforcementIsFiled = openVillageTasksWhenEnforcementIsFiledWith();

/** The filing's village tasks; also run for deferred work once the case is routed. */
export async function startEnforcementWork(
  m: EntityManager,
  emit: Emit,
  event: EventPayload<'cases.enforcement.filed'>,
  sla: SlaDays = {},
): Promise<void> {
  const route = await resolveRoute(m, event.caseId, event, event.obligorIds[0]);
  const p = { ...event, ...route };
  const now = new Date();
  await upsertCaseRef(m, {
    caseId: p.caseId,
    caseNumber: p.caseNumber,
    judgeId: p.judgeId,
    officerId: p.officerId,
    villageCode: p.villageCode,
    townshipCode: p.townshipCode,
    amountOwedFen: p.amountAppliedFen,
    obligorIds: p.obligorIds,
    obligeeIds: p.obligeeIds,
  });
  // A filing handled after the case's close (another consumer's event, handled first) opens nothing.
  const open = await sqlExec(
    m,
    `UPDATE tasks.case_ref SET status = 'OPEN' WHERE case_id = $1 AND (state_as_of IS NULL OR state_as_of < $2)`,
    [p.caseId, new Date(p.filedAt)],
  );
  if (!open) return;
  if (!route) {
    await deferCaseWork(m, p.caseId, 'cases.enforcement.filed', event);
    return;
  }
  await openPlannedTasks(m, emit, p.caseId, planTasks('cases.enforcement.filed', p, new Date(p.filedAt), sla), now);
}
