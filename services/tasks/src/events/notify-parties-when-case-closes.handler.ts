import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import { outcomeText, type NoticeOff } from '../domain/notices';
import { chineseDate, yuan } from '../notifications/templates';

/**
 * A case closed: the obligors (from the event) and the rights holders (from the case projection) hear
 * how, and what was recovered, once per closing (a case restored and closed again is told again).
 */
export const notifyPartiesWhenCaseCloses = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-parties-when-case-closes',
    subject: 'cases.case.closed',
    handle: async ({ payload: p }, m) => {
      const c = await caseForNotice(m, p.caseId);
      const vars = {
        caseNumber: p.caseNumber,
        closedOn: chineseDate(new Date(p.closedAt)),
        outcome: outcomeText(p.outcome),
        recovered: yuan(p.amountRecoveredFen),
      };
      const step = {
        notice: 'CASE_CLOSED' as const,
        court: c?.court ?? null,
        caseId: p.caseId,
        occurrence: `case-closed:${p.caseId}:${p.closedAt}`,
        vars,
      };
      const now = new Date();
      await queuePartyNotices(m, off, { ...step, role: 'OBLIGOR', partyIds: p.obligorIds }, now);
      await queuePartyNotices(m, off, { ...step, role: 'OBLIGEE', partyIds: c?.obligeeIds ?? [] }, now);
    },
  });
