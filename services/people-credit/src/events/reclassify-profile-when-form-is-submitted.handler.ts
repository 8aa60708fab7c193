import { defineHandler } from '@zhiyuan/db';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassify, recordProfileInput } from '../commands/shared/profiles';

/** A property declaration or a whereabouts feedback form is an input of the capacity profile. */
export const reclassifyProfileWhenFormIsSubmitted = defineHandler({
  name: 'reclassify-profile-when-form-is-submitted',
  subject: 'tasks.form.submitted',
  async handle(event, manager, emit) {
    const p = event.payload;
    if ((await knownPartyIds(manager, [p.partyId])).length === 0) return;
    const now = new Date(p.submittedAt);
    await recordProfileInput(manager, {
      partyId: p.partyId,
      kind: p.formType,
      caseId: p.caseId,
      data: p.summary,
      recordedAt: now,
    });
    await reclassify(manager, emit, p.partyId, now, event);
  },
});
