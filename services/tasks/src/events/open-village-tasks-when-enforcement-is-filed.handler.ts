import { defineHandler } from '@zhiyuan/db';
import { upsertCaseRef } from '../domain/case-projection';
import { openTask } from '../domain/task-ops';
import { staffHolding } from '../notifications/recipients';
import { planTasks } from '../rules/task-rules';

/** An enforcement case was filed: the village looks for the person and the assets, and serves documents when needed. */
export const openVillageTasksWhenEnforcementIsFiled = defineHandler({
  name: 'open-village-tasks-when-enforcement-is-filed',
  subject: 'cases.enforcement.filed',
  handle: async ({ payload: p }, m, emit) => {
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
    await m.query(`UPDATE tasks.case_ref SET status = 'OPEN' WHERE case_id = $1`, [p.caseId]);
    for (const plan of planTasks('cases.enforcement.filed', p, new Date(p.filedAt))) {
      const assignee = await staffHolding(m, plan.assignToRole, plan.divisionCode);
      await openTask(m, emit, { ...plan, caseId: p.caseId, origin: 'AUTO', assigneeId: assignee?.staffId ?? null, now });
    }
  },
});
