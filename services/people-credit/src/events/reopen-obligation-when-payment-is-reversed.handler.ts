import { defineHandler } from '@zhiyuan/db';
import { applyCaseBalance, applyCaseReopened } from '../commands/shared/case-projection';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassify, reversePaymentInputs } from '../commands/shared/profiles';

/**
 * A payment reversed as recorded in error puts the obligation back: the case's outstanding balance is
 * the one after the reversal (a case the reversal re-opened is open again), the payment no longer
 * counts in the obligors' payment record, and their capacity profiles are reclassified as after any
 * change of obligation. Handled before the payment itself, it leaves the same state. A listing removed
 * because of the reversed payment is not listed again: listing is the court's decision, so it waits for
 * a new `listDishonestObligor`.
 */
export const reopenObligationWhenPaymentIsReversed = defineHandler({
  name: 'reopen-obligation-when-payment-is-reversed',
  subject: 'cases.performance.reversed',
  async handle(event, manager, emit) {
    const p = event.payload;
    const now = new Date(p.reversedAt);
    await applyCaseBalance(manager, {
      caseId: p.caseId,
      obligorIds: p.obligorIds,
      outstandingFen: p.outstandingFen,
      at: now,
    });
    if (p.reopened) await applyCaseReopened(manager, { caseId: p.caseId, obligorIds: p.obligorIds, at: now });
    const known = await knownPartyIds(manager, p.obligorIds);
    await reversePaymentInputs(manager, {
      caseId: p.caseId,
      partyIds: known,
      performanceId: p.performanceId,
      amountFen: p.amountFen,
      source: p.source,
      recordedAt: new Date(p.recordedAt),
      reversedAt: p.reversedAt,
      reversalId: p.reversalId,
    });
    for (const id of known) await reclassify(manager, emit, id, now, event);
  },
});
