import { defineHandler, sqlExec } from '@zhiyuan/db';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassify } from '../commands/shared/profiles';

/**
 * A payment reversed as recorded in error puts the obligation back: the case's outstanding balance is
 * the one after the reversal (a case the reversal re-opened is open again), the payment no longer
 * counts in the obligors' payment record, and their capacity profiles are reclassified as after any
 * change of obligation. A listing removed because of the reversed payment is not listed again:
 * listing is the court's decision, so it waits for a new `listDishonestObligor`.
 */
export const reopenObligationWhenPaymentIsReversed = defineHandler({
  name: 'reopen-obligation-when-payment-is-reversed',
  subject: 'cases.performance.reversed',
  async handle(event, manager, emit) {
    const p = event.payload;
    const now = new Date(p.reversedAt);
    await sqlExec(
      manager,
      `INSERT INTO people.case_projection (case_id, obligor_ids, outstanding_fen) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET outstanding_fen = EXCLUDED.outstanding_fen,
         closed_at = CASE WHEN $4 THEN NULL ELSE people.case_projection.closed_at END,
         outcome = CASE WHEN $4 THEN NULL ELSE people.case_projection.outcome END, updated_at = now()`,
      [p.caseId, p.obligorIds, p.outstandingFen, p.reopened],
    );
    const known = await knownPartyIds(manager, p.obligorIds);
    // The payment's input is kept and marked reversed (it was recorded at the payment's recordedAt, once per obligor).
    await sqlExec(
      manager,
      `UPDATE people.profile_input i SET data = i.data || jsonb_build_object('reversedAt', $4::text, 'reversalId', $5::text)
        WHERE i.id IN (SELECT DISTINCT ON (party_id) id FROM people.profile_input
                        WHERE kind = 'PAYMENT' AND case_id = $1 AND party_id = ANY($2::uuid[]) AND recorded_at = $3 AND NOT data ? 'reversedAt'
                          AND (data->>'amountFen')::bigint = $6
                        ORDER BY party_id, id)`,
      [p.caseId, known, new Date(p.recordedAt), p.reversedAt, p.reversalId, p.amountFen],
    );
    for (const id of known) await reclassify(manager, emit, id, now, event);
  },
});
