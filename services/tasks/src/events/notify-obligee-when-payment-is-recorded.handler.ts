import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import type { NoticeOff } from '../domain/notices';
import { chineseDate, yuan } from '../notifications/templates';

/**
 * A payment was recorded: each rights holder of the case (from the case projection) hears how much
 * was paid and what is still owed, once per performance. A case never seen here has no known rights
 * holder, so nobody is told.
 */
export const notifyObligeeWhenPaymentIsRecorded = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-obligee-when-payment-is-recorded',
    subject: 'cases.performance.recorded',
    handle: async ({ payload: p }, m) => {
      const c = await caseForNotice(m, p.caseId);
      if (!c) return;
      const vars = {
        caseNumber: c.caseNumber,
        paidOn: chineseDate(p.paidOn),
        amount: yuan(p.amountFen),
        totalPaid: yuan(p.totalPaidFen),
        outstanding: yuan(p.outstandingFen),
      };
      await queuePartyNotices(
        m,
        off,
        {
          notice: 'PAYMENT_RECORDED',
          court: c.court,
          caseId: p.caseId,
          occurrence: `performance:${p.performanceId}`,
          role: 'OBLIGEE',
          partyIds: c.obligeeIds,
          vars,
        },
        new Date(),
      );
    },
  });
