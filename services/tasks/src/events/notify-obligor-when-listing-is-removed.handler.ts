import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import type { NoticeOff } from '../domain/notices';
import { chineseDate } from '../notifications/templates';

/**
 * A listing was removed: the obligor hears that their dishonest-debtor entry is deleted, once per
 * listing, also when the case has closed. Nothing for a case never seen here.
 */
export const notifyObligorWhenListingIsRemoved = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-obligor-when-listing-is-removed',
    subject: 'credit.listing.removed',
    handle: async ({ payload: p }, m) => {
      const c = await caseForNotice(m, p.caseId);
      if (!c) return;
      await queuePartyNotices(
        m,
        off,
        {
          notice: 'LISTING_REMOVED',
          court: c.court,
          caseId: p.caseId,
          occurrence: `listing:${p.listingId}`,
          role: 'OBLIGOR',
          partyIds: [p.partyId],
          vars: { caseNumber: c.caseNumber, removedOn: chineseDate(new Date(p.removedAt)) },
        },
        new Date(),
      );
    },
  });
