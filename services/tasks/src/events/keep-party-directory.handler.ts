import { defineHandler, sqlExec, sqlRow } from '@zhiyuan/db';
import { formerHome, taskHomeOf } from '../domain/routing';
import { staffHolding } from '../notifications/recipients';

interface PartyFacts {
  partyId: string;
  kind: string;
  name: string;
  phone: string | null;
  homeDivisionCode: string;
  villageCode: string | null;
  townshipCode: string | null;
  previousHomeDivisionCode?: string | null;
}

/**
 * Name, phone and home division of each party: SMS recipients and meeting invitation lists. When an
 * obligor's home division changes, the open automatic tasks about them move to the new village (or
 * township) and its secretary (or liaison), and their cases follow on the invitation lists.
 */
export const keepPartyDirectory = defineHandler({
  name: 'keep-party-directory',
  subject: 'people.party.*',
  handle: async ({ payload }, m) => {
    const p = payload as PartyFacts;
    const before = await sqlRow<{
      home_division_code: string;
      village_code: string | null;
      township_code: string | null;
    }>(m, `SELECT home_division_code, village_code, township_code FROM tasks.party_ref WHERE party_id = $1`, [
      p.partyId,
    ]);
    await sqlExec(
      m,
      `INSERT INTO tasks.party_ref (party_id, kind, name, phone, home_division_code, village_code, township_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (party_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, phone = EXCLUDED.phone,
         home_division_code = EXCLUDED.home_division_code, village_code = EXCLUDED.village_code,
         township_code = EXCLUDED.township_code, updated_at = now()`,
      [p.partyId, p.kind, p.name, p.phone, p.homeDivisionCode, p.villageCode, p.townshipCode],
    );
    const oldHome: string | null = p.previousHomeDivisionCode ?? before?.home_division_code ?? null;
    if (!oldHome || oldHome === p.homeDivisionCode) return;

    const old = formerHome(oldHome);
    const target = taskHomeOf(p);
    if (!target) return;
    const holder = await staffHolding(m, target.role, target.code);
    await sqlExec(
      m,
      `UPDATE tasks.task SET division_code = $2, level = $3, assignee_id = $4, updated_at = now()
       WHERE obligor_id = $1 AND origin = 'AUTO' AND status IN ('OPEN', 'IN_PROGRESS') AND division_code IN ($5, $6)`,
      [p.partyId, target.code, target.level, holder?.staffId ?? null, old.village ?? '', old.township ?? ''],
    );
    await sqlExec(
      m,
      `UPDATE tasks.case_ref c SET village_code = $2, township_code = $3, updated_at = now()
       FROM tasks.case_party cp
       WHERE cp.case_id = c.case_id AND cp.party_id = $1 AND cp.role = 'OBLIGOR' AND c.status = 'OPEN'
         AND c.village_code IS NOT DISTINCT FROM $4`,
      [p.partyId, p.villageCode, p.townshipCode, old.village],
    );
  },
});
