import { defineHandler, type Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import { deferCaseWork, lockCase, partyNames, resolveRoute, upsertCaseRef } from '../commands/shared/cases';
import { openPlannedTasks } from '../commands/shared/tasks';
import { planTasks, type SlaDays } from '../domain/task-rules';
import { queueNotification } from '../notifications/queue';
import { staffHolding } from '../notifications/recipients';
import { chineseDate, yuan } from '../notifications/templates';

/**
 * Pre-enforcement urging started: the urging SMS to each obligor, the feedback SMS to the village
 * secretary and the township liaison and to each rights holder, and the village follow-up call.
 * Every notice and task has a key derived from the case, so even a re-published event adds nothing.
 * When nobody knows the obligor's home yet, the village work waits for the case's routing.
 */
export const notifyAndOpenFollowUpWhenUrgingStartsWith = (sla: SlaDays = {}) =>
  defineHandler({
    name: 'notify-and-open-follow-up-when-urging-starts',
    subject: 'cases.urging.started',
    handle: async ({ payload }, m, emit) => {
      await lockCase(m, payload.caseId);
      await startUrgingWork(m, emit, payload, sla);
    },
  });
export const notifyAndOpenFollowUpWhenUrgingStarts = notifyAndOpenFollowUpWhenUrgingStartsWith();

/** The urging's notices and tasks; also run for deferred work once the case is routed. */
export async function startUrgingWork(
  m: EntityManager,
  emit: Emit,
  event: EventPayload<'cases.urging.started'>,
  sla: SlaDays = {},
): Promise<void> {
  const route = await resolveRoute(m, event.caseId, event, event.obligorIds[0]);
  const p = { ...event, ...route };
  const now = new Date();
  await upsertCaseRef(m, {
    caseId: p.caseId,
    caseNumber: p.caseNumber,
    court: p.court,
    judgeId: p.judgeId,
    villageCode: p.villageCode,
    townshipCode: p.townshipCode,
    amountOwedFen: p.amountOwedFen,
    obligorIds: p.obligorIds,
    obligeeIds: p.obligeeIds,
  });
  const common = {
    court: p.court,
    caseNumber: p.caseNumber,
    amount: yuan(p.amountOwedFen),
    deadline: chineseDate(p.deadline),
  };
  const names = await partyNames(m, p.obligorIds);
  const obligorName = p.obligorIds.map((id) => names.get(id) ?? '被执行人').join('、');

  for (const obligorId of p.obligorIds) {
    await queueNotification(m, {
      dedupeKey: `urging:${p.caseId}:URGING_NOTICE:party:${obligorId}`,
      template: 'URGING_NOTICE',
      vars: common,
      caseId: p.caseId,
      recipientRole: 'OBLIGOR',
      recipientPartyId: obligorId,
      now,
    });
  }
  const team = [
    ...(p.villageCode ? [{ role: 'VILLAGE_SECRETARY', code: p.villageCode }] : []),
    ...(p.townshipCode ? [{ role: 'TOWNSHIP_LIAISON', code: p.townshipCode }] : []),
  ];
  for (const member of team) {
    const holder = await staffHolding(m, member.role, member.code);
    await queueNotification(m, {
      dedupeKey: `urging:${p.caseId}:URGING_FEEDBACK_VILLAGE_TEAM:${member.role}:${member.code}`,
      template: 'URGING_FEEDBACK_VILLAGE_TEAM',
      vars: { ...common, obligorName },
      caseId: p.caseId,
      recipientRole: member.role,
      recipientStaffId: holder?.staffId ?? null,
      recipientDivisionCode: member.code,
      now,
    });
  }
  for (const obligeeId of p.obligeeIds) {
    await queueNotification(m, {
      dedupeKey: `urging:${p.caseId}:URGING_FEEDBACK_OBLIGEE:party:${obligeeId}`,
      template: 'URGING_FEEDBACK_OBLIGEE',
      vars: common,
      caseId: p.caseId,
      recipientRole: 'OBLIGEE',
      recipientPartyId: obligeeId,
      now,
    });
  }

  if (!route) {
    await deferCaseWork(m, p.caseId, 'cases.urging.started', event);
    return;
  }
  await openPlannedTasks(m, emit, p.caseId, planTasks('cases.urging.started', p, new Date(p.startedAt), sla), now);
}
