import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import type { NoticeOff } from '../domain/notices';
import { yuan } from '../notifications/templates';

/**
 * An enforcement case was filed: the obligor hears that enforcement has begun, the rights holder
 * that the application was filed (both with the enforcement number). Once per filing (case and
 * enforcement number), and sent at once: the parties' SMS do not wait for the case's routing.
 */
export const notifyPartiesWhenEnforcementIsFiled = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-parties-when-enforcement-is-filed',
    subject: 'cases.enforcement.filed',
    handle: async ({ payload: p }, m) => {
      const court = (await caseForNotice(m, p.caseId))?.court ?? null;
      const step = { court, caseId: p.caseId, occurrence: `enforcement:${p.caseId}:${p.enforcementNumber}` };
      const vars = {
        caseNumber: p.caseNumber,
        enforcementNumber: p.enforcementNumber,
        amount: yuan(p.amountAppliedFen),
      };
      const now = new Date();
      await queuePartyNotices(
        m,
        off,
        { ...step, notice: 'ENFORCEMENT_FILED_OBLIGOR', role: 'OBLIGOR', partyIds: p.obligorIds, vars },
        now,
      );
      await queuePartyNotices(
        m,
        off,
        { ...step, notice: 'ENFORCEMENT_FILED_OBLIGEE', role: 'OBLIGEE', partyIds: p.obligeeIds, vars },
        now,
      );
    },
  });
