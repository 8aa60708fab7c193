import { defineHandler } from '@zhiyuan/db';
import { applyCaseClosed } from '../commands/shared/case-projection';
import { activeListingsOfCase, removeListings } from '../commands/shared/listings';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassifyAtEnd } from '../commands/shared/profiles';
import { removalGroundOfOutcome } from '../domain/listing-rules';

/**
 * A closed case removes its listings at once: SETTLED_AND_PERFORMED or FULL_PERFORMANCE when the outcome
 * says so, otherwise CASE_CLOSED. The case counts as closed unless it was reopened after the close (the
 * reopening handled first); its listings are removed either way, as they were when it closed.
 */
export const removeListingWhenCaseCloses = defineHandler({
  name: 'remove-listing-when-case-closes',
  subject: 'cases.case.closed',
  async handle(event, manager, emit, scope) {
    const p = event.payload;
    const now = new Date(p.closedAt);
    await applyCaseClosed(manager, {
      caseId: p.caseId,
      caseNumber: p.caseNumber,
      obligorIds: p.obligorIds,
      closedAt: now,
      outcome: p.outcome,
      villageCode: p.villageCode ?? null,
      townshipCode: p.townshipCode ?? null,
    });
    await removeListings(
      manager,
      emit,
      await activeListingsOfCase(manager, p.caseId),
      removalGroundOfOutcome(p.outcome),
      now,
      { cause: event },
    );
    reclassifyAtEnd(scope, await knownPartyIds(manager, p.obligorIds), now, event);
  },
});
