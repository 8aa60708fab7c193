import { defineHandler, sqlExec } from '@zhiyuan/db';
import { CASE_OUTCOMES } from '@zhiyuan/events';

/** A case state that closes a case is named as its outcome (cases.case.closed carries the same words). */
const closing = (state: string): boolean => (CASE_OUTCOMES as readonly string[]).includes(state);

/**
 * A case that comes back (a 终本 case revived from an asset lead, a close undone by a payment reversal)
 * is open again here: it is back on the village's invitation lists and its instalments are reminded
 * again. Only a move out of a closing state counts, so a transition that happened before the close and
 * arrives late changes nothing.
 */
export const reopenCaseWhenCaseIsReopened = defineHandler({
  name: 'reopen-case-when-case-is-reopened',
  subject: 'cases.case.transitioned',
  handle: async ({ payload: p }, m) => {
    if (!closing(p.from) || closing(p.to)) return;
    await sqlExec(
      m,
      `UPDATE tasks.case_ref SET status = 'OPEN', closed_outcome = NULL, updated_at = now()
       WHERE case_id = $1 AND status = 'CLOSED'`,
      [p.caseId],
    );
  },
});
