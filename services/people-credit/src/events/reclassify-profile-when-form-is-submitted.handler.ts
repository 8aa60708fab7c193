import { randomUUID } from 'node:crypto';
import { defineHandler } from '@zhiyuan/db';
import { reclassify } from '../model/profiles';

/** A property declaration or a whereabouts feedback form is an input of the capacity profile. */
export const reclassifyProfileWhenFormIsSubmitted = defineHandler({
  name: 'reclassify-profile-when-form-is-submitted',
  subject: 'tasks.form.submitted',
  async handle(event, manager, emit) {
    const p = event.payload;
    const [known] = await manager.query(`SELECT id FROM people.party WHERE id = $1`, [p.partyId]);
    if (!known) return;
    const now = new Date(p.submittedAt);
    await manager.query(`INSERT INTO people.profile_input (id, party_id, kind, case_id, data, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      randomUUID(),
      p.partyId,
      p.formType,
      p.caseId,
      JSON.stringify(p.summary),
      now,
    ]);
    await reclassify(manager, emit, p.partyId, now, event);
  },
});
