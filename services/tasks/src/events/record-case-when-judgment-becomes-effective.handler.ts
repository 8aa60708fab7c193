import { defineHandler } from '@zhiyuan/db';
import { upsertCaseRef } from '../commands/shared/cases';

/** A new judgment: remember its routing and parties, so later rules and invitation lists can use them. */
export const recordCaseWhenJudgmentBecomesEffective = defineHandler({
  name: 'record-case-when-judgment-becomes-effective',
  subject: 'cases.judgment.effective',
  handle: async ({ payload: p }, m) => {
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
  },
});
