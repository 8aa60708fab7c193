import { defineHandler, sqlExec } from '@zhiyuan/db';
import { knownPartyIds } from '../commands/shared/parties';
import { reclassify } from '../commands/shared/profiles';

/**
 * Keeps the local projection of each case's obligors, obligees, judge and amount owed, so that listing
 * rules can check an outstanding obligation, and party access the judge, without asking the cases subgraph; the obligors'
 * capacity profiles are (re)classified with the new obligation. A payment that was
 * recorded before this event keeps its (lower) outstanding balance.
 */
export const keepCaseObligationsProjection = defineHandler({
  name: 'keep-case-obligations-projection',
  subject: 'cases.judgment.effective',
  async handle(event, manager, emit) {
    const p = event.payload;
    await sqlExec(
      manager,
      `INSERT INTO people.case_projection (case_id, case_number, court, obligor_ids, obligee_ids, amount_owed_fen, outstanding_fen, village_code, township_code, judge_id)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET case_number = EXCLUDED.case_number, court = EXCLUDED.court, obligor_ids = EXCLUDED.obligor_ids,
         obligee_ids = EXCLUDED.obligee_ids, amount_owed_fen = EXCLUDED.amount_owed_fen,
         outstanding_fen = coalesce(people.case_projection.outstanding_fen, EXCLUDED.outstanding_fen),
         village_code = EXCLUDED.village_code, township_code = EXCLUDED.township_code, judge_id = EXCLUDED.judge_id, updated_at = now()`,
      [
        p.caseId,
        p.caseNumber,
        p.court,
        p.obligorIds,
        p.obligeeIds,
        p.amountOwedFen,
        p.villageCode,
        p.townshipCode,
        p.judgeId,
      ],
    );
    // A new obligation is an input of the obligors' capacity profiles.
    for (const id of await knownPartyIds(manager, p.obligorIds))
      await reclassify(manager, emit, id, new Date(event.occurredAt), event);
  },
});
