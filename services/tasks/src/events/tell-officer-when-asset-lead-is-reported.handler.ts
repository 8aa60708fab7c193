import { defineHandler } from '@zhiyuan/db';
import { chinaCalendar } from '@zhiyuan/kernel';
import { openTask } from '../commands/shared/tasks';
import { queueNotification } from '../notifications/queue';
import { caseOfficer } from '../notifications/recipients';
import { chineseDate, yuan } from '../notifications/templates';

/** Working days the officer has to check a lead on a case terminated for this round. */
export const ASSET_LEAD_WORKING_DAYS = 3;

/**
 * A village (or township) filed an asset lead on a 终本 case: the case's officer (else the township's)
 * gets an ACT_ON_ASSET_LEAD task at the township, due in 3 working days on the court calendar, and an
 * SMS through the ledger. Keyed by the lead, so a redelivered or re-published event adds nothing. The
 * task is opened whether or not the case is still open here: terminating ends the village's regular
 * tasks, not the officer's duty to look at what the village found.
 */
export const tellOfficerWhenAssetLeadIsReported = defineHandler({
  name: 'tell-officer-when-asset-lead-is-reported',
  subject: 'cases.asset_lead.reported',
  handle: async ({ payload: p }, m, emit) => {
    const found = await caseOfficer(m, p);
    if (!found) return;
    const { township, officer } = found;
    const now = new Date();
    const dueAt = chinaCalendar.shiftWorkingDays(now, ASSET_LEAD_WORKING_DAYS);
    const task = await openTask(m, emit, {
      caseId: p.caseId,
      obligorId: p.obligorIds[0] ?? null,
      type: 'ACT_ON_ASSET_LEAD',
      level: 'TOWNSHIP',
      divisionCode: township,
      title: '核查终本案件财产线索',
      note: `${p.where}${p.what}，估值${yuan(p.estimatedValueFen)}元（来源：${p.source}）`,
      assigneeId: p.officerId ?? officer?.staffId ?? null,
      dueAt,
      origin: 'AUTO',
      ruleKey: `${p.caseId}:ACT_ON_ASSET_LEAD:lead:${p.leadId}`,
      createdBy: p.reportedBy,
      now,
    });
    if (!task) return;
    await queueNotification(m, {
      dedupeKey: `asset-lead:${p.leadId}:officer`,
      template: 'ASSET_LEAD_REPORTED_OFFICER',
      vars: {
        caseNumber: p.enforcementNumber ?? p.caseNumber,
        where: p.where,
        what: p.what,
        value: yuan(p.estimatedValueFen),
        source: p.source,
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
