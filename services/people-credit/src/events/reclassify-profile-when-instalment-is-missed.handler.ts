import { defineHandler } from '@zhiyuan/db';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassify, recordProfileInput } from '../commands/shared/profiles';

/** A missed instalment is a payment-behaviour input of the capacity profile; two or more point to EVASIVE. */
export const reclassifyProfileWhenInstalmentIsMissed = defineHandler({
  name: 'reclassify-profile-when-instalment-is-missed',
  subject: 'cases.instalment.missed',
  async handle(event, manager, emit) {
    const p = event.payload;
    const now = new Date(event.occurredAt);
    for (const id of await knownPartyIds(manager, p.obligorIds)) {
      const data = { planId: p.planId, instalmentNo: p.instalmentNo, dueDate: p.dueDate, amountFen: p.amountFen };
      await recordProfileInput(manager, {
        partyId: id,
        kind: 'MISSED_INSTALMENT',
        caseId: p.caseId,
        data,
        recordedAt: now,
      });
      await reclassify(manager, emit, id, now, event);
    }
  },
});
