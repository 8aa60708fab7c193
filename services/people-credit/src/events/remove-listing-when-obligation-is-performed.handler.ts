import { defineHandler } from '@zhiyuan/db';
import { applyCaseBalance } from '../commands/shared/case-projection';
import { activeListingsOfCase, removeListings } from '../commands/shared/listings';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassifyAtEnd, recordPaymentInputs } from '../commands/shared/profiles';

/**
 * A payment updates the case's outstanding balance (unless a later payment or reversal already set it)
 * and the obligors' payment record; a payment that paid the balance off removes the case's listings at
 * once (ground FULL_PERFORMANCE), which clears the board entry and the partner departments' credit links
 * in the same transaction. It does so even when its reversal was handled first: in the order the two
 * happened the listing was removed, and a reversal does not list again.
 */
export const removeListingWhenObligationIsPerformed = defineHandler({
  name: 'remove-listing-when-obligation-is-performed',
  subject: 'cases.performance.recorded',
  async handle(event, manager, emit, scope) {
    const p = event.payload;
    const now = new Date(p.recordedAt);
    await applyCaseBalance(manager, {
      caseId: p.caseId,
      obligorIds: p.obligorIds,
      outstandingFen: p.outstandingFen,
      at: now,
    });
    const known = await knownPartyIds(manager, p.obligorIds);
    await recordPaymentInputs(manager, {
      caseId: p.caseId,
      partyIds: known,
      performanceId: p.performanceId,
      amountFen: p.amountFen,
      source: p.source,
      outstandingFen: p.outstandingFen,
      recordedAt: now,
    });
    if (p.outstandingFen === 0)
      await removeListings(manager, emit, await activeListingsOfCase(manager, p.caseId), 'FULL_PERFORMANCE', now, {
        cause: event,
      });
    reclassifyAtEnd(scope, known, now, event);
  },
});
