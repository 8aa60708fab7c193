import { defineHandler } from '@zhiyuan/db';
import { activeListingsOfCase, removeListings } from '../model/listings';
import { reclassify } from '../model/profiles';

/** A closed case removes its listings at once: SETTLED_AND_PERFORMED or FULL_PERFORMANCE when the outcome says so, otherwise CASE_CLOSED. */
export const removeListingWhenCaseCloses = defineHandler({
  name: 'remove-listing-when-case-closes',
  subject: 'cases.case.closed',
  async handle(event, manager, emit) {
    const p = event.payload;
    const now = new Date(p.closedAt);
    await manager.query(
      `INSERT INTO people.case_projection (case_id, case_number, obligor_ids, closed_at, outcome, village_code, township_code) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET closed_at = EXCLUDED.closed_at, outcome = EXCLUDED.outcome, updated_at = now()`,
      [p.caseId, p.caseNumber, p.obligorIds, now, p.outcome, p.villageCode, p.townshipCode],
    );
    const ground = p.outcome === 'SETTLED_AND_PERFORMED' ? 'SETTLED_AND_PERFORMED' : p.outcome === 'COMPLETED' || p.outcome === 'PERFORMED_AFTER_URGING' ? 'FULL_PERFORMANCE' : 'CASE_CLOSED';
    await removeListings(manager, emit, await activeListingsOfCase(manager, p.caseId), ground, now, { cause: event });
    const known: { id: string }[] = await manager.query(`SELECT id FROM people.party WHERE id = ANY($1::uuid[]) ORDER BY id`, [p.obligorIds]);
    for (const { id } of known) await reclassify(manager, emit, id, now, event);
  },
});
