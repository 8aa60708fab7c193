import { defineHandler } from '@zhiyuan/db';
import { reopensCase } from '@zhiyuan/events';
import { applyCaseReopened } from '../commands/shared/case-projection';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassifyAtEnd } from '../commands/shared/profiles';

/**
 * A closed case that comes back (a 终本 case revived from an asset lead, a close undone by a payment
 * reversal) is an open obligation of its obligors again: listing rules see it outstanding, and their
 * capacity profiles are reclassified with it. Only a move out of a closing state counts, and only when
 * it is newer than the close people-credit knows of.
 */
export const reopenObligationWhenCaseIsReopened = defineHandler({
  name: 'reopen-obligation-when-case-is-reopened',
  subject: 'cases.case.transitioned',
  async handle(event, manager, _emit, scope) {
    const p = event.payload;
    if (!reopensCase(p)) return;
    const now = new Date(p.at);
    const obligorIds = await applyCaseReopened(manager, { caseId: p.caseId, obligorIds: [], at: now });
    if (obligorIds?.length) reclassifyAtEnd(scope, await knownPartyIds(manager, obligorIds), now, event);
  },
});
