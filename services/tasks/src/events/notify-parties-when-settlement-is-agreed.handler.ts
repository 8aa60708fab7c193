import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import { settlementKindText, type NoticeOff } from '../domain/notices';
import { chineseDate, yuan } from '../notifications/templates';

/**
 * A settlement or instalment plan was agreed: the obligors (from the event) and the rights holders
 * (from the case projection) hear its total, its number of instalments and the first due date, once
 * per settlement. Nothing for a case never seen here (its number is unknown).
 */
export const notifyPartiesWhenSettlementIsAgreed = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-parties-when-settlement-is-agreed',
    subject: 'cases.settlement.agreed',
    handle: async ({ payload: p }, m) => {
      const c = await caseForNotice(m, p.caseId);
      if (!c) return;
      const first = [...p.instalments].sort((a, b) => a.no - b.no)[0]!;
      const vars = {
        caseNumber: c.caseNumber,
        kind: settlementKindText(p.kind),
        total: yuan(p.totalFen),
        count: String(p.instalments.length),
        firstAmount: yuan(first.amountFen),
        firstDueDate: chineseDate(first.dueDate),
      };
      const step = {
        notice: 'SETTLEMENT_AGREED' as const,
        court: c.court,
        caseId: p.caseId,
        occurrence: `settlement:${p.settlementId}`,
        vars,
      };
      const now = new Date();
      await queuePartyNotices(m, off, { ...step, role: 'OBLIGOR', partyIds: p.obligorIds }, now);
      await queuePartyNotices(m, off, { ...step, role: 'OBLIGEE', partyIds: c.obligeeIds }, now);
    },
  });
