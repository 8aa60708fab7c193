import { defineHandler } from '@zhiyuan/db';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import type { NoticeOff } from '../domain/notices';
import { chineseDate } from '../notifications/templates';

/**
 * An obligor was put on the dishonest-debtor list: they hear it, with the case, once per listing.
 * Nothing for a case never seen here (its number and court are unknown).
 */
export const notifyObligorWhenListingIsAdded = (off: readonly NoticeOff[]) =>
  defineHandler({
    name: 'notify-obligor-when-listing-is-added',
    subject: 'credit.listing.added',
    handle: async ({ payload: p }, m) => {
      const c = await caseForNotice(m, p.caseId);
      if (!c) return;
      await queuePartyNotices(
        m,
        off,
        {
          notice: 'LISTING_ADDED',
          court: c.court,
          caseId: p.caseId,
          occurrence: `listing:${p.listingId}`,
          role: 'OBLIGOR',
          partyIds: [p.partyId],
          vars: { caseNumber: c.caseNumber, listedOn: chineseDate(new Date(p.listedAt)) },
        },
        new Date(),
      );
    },
  });
