import { defineHandler, sqlExec } from '@zhiyuan/db';
import { reopensCase } from '@zhiyuan/events';

/**
 * A case that comes back (a 终本 case revived from an asset lead, a close undone by a payment reversal)
 * is open again here: it is back on the village's invitation lists and its instalments are reminded
 * again. Only a move out of a closing state counts, and only when it is newer than the close tasks knows
 * of: a reopening handled before its close keeps the case open when the close arrives.
 */
export const reopenCaseWhenCaseIsReopened = defineHandler({
  name: 'reopen-case-when-case-is-reopened',
  subject: 'cases.case.transitioned',
  handle: async ({ payload: p }, m) => {
    if (!reopensCase(p)) return;
    await sqlExec(
      m,
      `UPDATE tasks.case_ref SET status = 'OPEN', closed_outcome = NULL, state_as_of = $2, updated_at = now()
       WHERE case_id = $1 AND (state_as_of IS NULL OR state_as_of < $2)`,
      [p.caseId, new Date(p.at)],
    );
  },
});
