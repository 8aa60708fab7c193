import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import type { NoticeOff } from '../domain/notices';
import { chineseDate, yuan } from '../notifications/templates';

/**
 * An instalment was missed: each obligor hears what is still unpaid of it, once per case and due
 * date. Nothing for a case closed meanwhile, or one never seen here (its number is unknown).
 */
export const notifyObligorWhenInstalmentIsMissed = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-obligor-when-instalment-is-missed',
    subject: 'cases.instalment.missed',
    handle: async ({ payload: p }, m) => {
      const c = await caseForNotice(m, p.caseId);
      if (!c || c.status !== 'OPEN') return;
      const vars = {
        caseNumber: c.caseNumber,
        no: String(p.instalmentNo),
        dueDate: chineseDate(p.dueDate),
        amount: yuan(p.amountFen),
      };
      await queuePartyNotices(
        m,
        off,
        {
          notice: 'INSTALMENT_MISSED',
          court: c.court,
          caseId: p.caseId,
          occurrence: `instalment:${p.caseId}:${p.dueDate}`,
          role: 'OBLIGOR',
          partyIds: p.obligorIds,
          vars,
        },
        new Date(),
      );
    },
  });
