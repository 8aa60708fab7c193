import { defineHandler, sqlExec } from '@zhiyuan/db';
import { activeListingsOfCase, removeListings } from '../commands/shared/listings';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassifyAtEnd } from '../commands/shared/profiles';
import { removalGroundOfOutcome } from '../domain/listing-rules';

/** A closed case removes its listings at once: SETTLED_AND_PERFORMED or FULL_PERFORMANCE when the outcome says so, otherwise CASE_CLOSED. */
export const removeListingWhenCaseCloses = defineHandler({
  name: 'remove-listing-when-case-closes',
  subject: 'cases.case.closed',
  async handle(event, manager, emit, scope) {
    const p = event.payload;
    const now = new Date(p.closedAt);
    await sqlExec(
      manager,
      `INSERT INTO people.case_projection (case_id, case_number, obligor_ids, closed_at, outcome, village_code, township_code) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET closed_at = EXCLUDED.closed_at, outcome = EXCLUDED.outcome, updated_at = now()`,
      [p.caseId, p.caseNumber, p.obligorIds, now, p.outcome, p.villageCode, p.townshipCode],
    );
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
