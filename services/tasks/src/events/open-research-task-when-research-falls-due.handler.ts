import { defineHandler } from '@zhiyuan/db';
import { chinaCalendar } from '@zhiyuan/kernel';
import { openTask } from '../commands/shared/tasks';
import { queueNotification } from '../notifications/queue';
import { caseOfficer } from '../notifications/recipients';
import { chineseDate } from '../notifications/templates';

/** Working days the officer has for a re-search once it falls due. */
export const RESEARCH_WORKING_DAYS = 10;

/**
 * A 终本 case's re-search fell due (the cases sweep announces it on a working day): the case's officer
 * (else the township's) gets a RESEARCH_ASSETS task at the township, due in 10 working days, and an SMS.
 * Keyed by the case and the due date, so each due date opens one task however often it is announced.
 */
export const openResearchTaskWhenResearchFallsDue = defineHandler({
  name: 'open-research-task-when-research-falls-due',
  subject: 'cases.research.due',
  handle: async ({ payload: p }, m, emit) => {
    const found = await caseOfficer(m, p);
    if (!found) return;
    const { township, officer } = found;
    const now = new Date();
    const dueAt = chinaCalendar.shiftWorkingDays(now, RESEARCH_WORKING_DAYS);
    const task = await openTask(m, emit, {
      caseId: p.caseId,
      obligorId: p.obligorIds[0] ?? null,
      type: 'RESEARCH_ASSETS',
      level: 'TOWNSHIP',
      divisionCode: township,
      title: '终本案件财产复查',
      note: `应于${p.dueDate}复查`,
      assigneeId: p.officerId ?? officer?.staffId ?? null,
      dueAt,
      origin: 'AUTO',
      ruleKey: `${p.caseId}:RESEARCH_ASSETS:${p.dueDate}`,
      now,
    });
    if (!task) return;
    await queueNotification(m, {
      dedupeKey: `research:${p.caseId}:${p.dueDate}:officer`,
      template: 'RESEARCH_DUE_OFFICER',
      vars: {
        caseNumber: p.enforcementNumber ?? p.caseNumber,
        dueDate: chineseDate(p.dueDate),
        due: chineseDate(dueAt),
      },
      caseId: p.caseId,
      recipientRole: 'ENFORCEMENT_OFFICER',
      recipientStaffId: task.assigneeId,
      recipientDivisionCode: township,
      now,
    });
  },
});
