import { defineHandler } from '@zhiyuan/db';

/** Name, phone and home division of each party: SMS recipients and meeting invitation lists. */
export const keepPartyDirectory = defineHandler({
  name: 'keep-party-directory',
  subject: 'people.party.*',
  handle: async ({ payload }, m) => {
    const p = payload as { partyId: string; kind: string; name: string; phone: string | null; homeDivisionCode: string; villageCode: string | null; townshipCode: string | null };
    await m.query(
      `INSERT INTO tasks.party_ref (party_id, kind, name, phone, home_division_code, village_code, township_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (party_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, phone = EXCLUDED.phone,
         home_division_code = EXCLUDED.home_division_code, village_code = EXCLUDED.village_code,
         township_code = EXCLUDED.township_code, updated_at = now()`,
      [p.partyId, p.kind, p.name, p.phone, p.homeDivisionCode, p.villageCode, p.townshipCode],
    );
  },
});
