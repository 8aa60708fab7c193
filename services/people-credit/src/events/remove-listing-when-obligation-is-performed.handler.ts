import { defineHandler, sqlExec } from '@zhiyuan/db';
import { activeListingsOfCase, removeListings } from '../commands/shared/listings';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassifyAtEnd, recordProfileInput } from '../commands/shared/profiles';

/**
 * A payment updates the case's outstanding balance and the obligors' payment record; a balance of
 * zero removes the case's listings at once (ground FULL_PERFORMANCE), which clears the board entry
 * and the partner departments' credit links in the same transaction.
 */
export const removeListingWhenObligationIsPerformed = defineHandler({
  name: 'remove-listing-when-obligation-is-performed',
  subject: 'cases.performance.recorded',
  async handle(event, manager, emit, scope) {
    const p = event.payload;
    const now = new Date(p.recordedAt);
    await sqlExec(
      manager,
      `INSERT INTO people.case_projection (case_id, obligor_ids, outstanding_fen) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET outstanding_fen = LEAST(coalesce(people.case_projection.outstanding_fen, EXCLUDED.outstanding_fen), EXCLUDED.outstanding_fen), updated_at = now()`,
      [p.caseId, p.obligorIds, p.outstandingFen],
    );
    const known = await knownPartyIds(manager, p.obligorIds);
    for (const id of known) {
      await recordProfileInput(manager, {
        partyId: id,
        kind: 'PAYMENT',
        caseId: p.caseId,
        data: { amountFen: p.amountFen, source: p.source, outstandingFen: p.outstandingFen },
        recordedAt: now,
      });
    }
    if (p.outstandingFen === 0)
      await removeListings(manager, emit, await activeListingsOfCase(manager, p.caseId), 'FULL_PERFORMANCE', now, {
        cause: event,
      });
    reclassifyAtEnd(scope, known, now, event);
  },
});
