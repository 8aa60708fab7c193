import { randomUUID } from 'node:crypto';
import { defineHandler } from '@zhiyuan/db';
import { activeListingsOfCase, removeListings } from '../model/listings';
import { reclassify } from '../model/profiles';

/**
 * A payment updates the case's outstanding balance and the obligors' payment record; a balance of
 * zero removes the case's listings at once (ground FULL_PERFORMANCE), which clears the board entry
 * and the partner departments' credit links in the same transaction.
 */
export const removeListingWhenObligationIsPerformed = defineHandler({
  name: 'remove-listing-when-obligation-is-performed',
  subject: 'cases.performance.recorded',
  async handle(event, manager, emit) {
    const p = event.payload;
    const now = new Date(p.recordedAt);
    await manager.query(
      `INSERT INTO people.case_projection (case_id, obligor_ids, outstanding_fen) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET outstanding_fen = LEAST(coalesce(people.case_projection.outstanding_fen, EXCLUDED.outstanding_fen), EXCLUDED.outstanding_fen), updated_at = now()`,
      [p.caseId, p.obligorIds, p.outstandingFen],
    );
    const known: { id: string }[] = await manager.query(`SELECT id FROM people.party WHERE id = ANY($1::uuid[]) ORDER BY id`, [p.obligorIds]);
    for (const { id } of known) {
      await manager.query(`INSERT INTO people.profile_input (id, party_id, kind, case_id, data, recorded_at) VALUES ($1, $2, 'PAYMENT', $3, $4, $5)`, [
        randomUUID(),
        id,
        p.caseId,
        JSON.stringify({ amountFen: p.amountFen, source: p.source, outstandingFen: p.outstandingFen }),
        now,
      ]);
    }
    if (p.outstandingFen === 0) await removeListings(manager, emit, await activeListingsOfCase(manager, p.caseId), 'FULL_PERFORMANCE', now, { cause: event });
    for (const { id } of known) await reclassify(manager, emit, id, now, event);
  },
});
