import { randomUUID } from 'node:crypto';
import { defineHandler } from '@zhiyuan/db';
import { reclassify } from '../model/profiles';

/** A missed instalment is a payment-behaviour input of the capacity profile; two or more point to EVASIVE. */
export const reclassifyProfileWhenInstalmentIsMissed = defineHandler({
  name: 'reclassify-profile-when-instalment-is-missed',
  subject: 'cases.instalment.missed',
  async handle(event, manager, emit) {
    const p = event.payload;
    const now = new Date(event.occurredAt);
    const known: { id: string }[] = await manager.query(`SELECT id FROM people.party WHERE id = ANY($1::uuid[]) ORDER BY id`, [p.obligorIds]);
    for (const { id } of known) {
      await manager.query(`INSERT INTO people.profile_input (id, party_id, kind, case_id, data, recorded_at) VALUES ($1, $2, 'MISSED_INSTALMENT', $3, $4, $5)`, [
        randomUUID(),
        id,
        p.caseId,
        JSON.stringify({ planId: p.planId, instalmentNo: p.instalmentNo, dueDate: p.dueDate, amountFen: p.amountFen }),
        now,
      ]);
      await reclassify(manager, emit, id, now, event);
    }
  },
});
