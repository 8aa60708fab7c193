import type { EntityManager } from 'typeorm';

export interface CaseFacts {
  caseId: string;
  caseNumber: string;
  court?: string | null;
  judgeId?: string | null;
  officerId?: string | null;
  villageCode: string | null;
  townshipCode: string | null;
  amountOwedFen?: number | null;
  obligorIds: string[];
  obligeeIds: string[];
}

/** Keeps the local picture of a case (routing, parties) that task rules and invitation lists need. */
export async function upsertCaseRef(m: EntityManager, c: CaseFacts): Promise<void> {
  await m.query(
    `INSERT INTO tasks.case_ref (case_id, case_number, court, judge_id, officer_id, village_code, township_code, amount_owed_fen)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, 0))
     ON CONFLICT (case_id) DO UPDATE SET
       case_number = EXCLUDED.case_number,
       court = COALESCE(EXCLUDED.court, tasks.case_ref.court),
       judge_id = COALESCE(EXCLUDED.judge_id, tasks.case_ref.judge_id),
       officer_id = COALESCE(EXCLUDED.officer_id, tasks.case_ref.officer_id),
       village_code = COALESCE(EXCLUDED.village_code, tasks.case_ref.village_code),
       township_code = COALESCE(EXCLUDED.township_code, tasks.case_ref.township_code),
       amount_owed_fen = CASE WHEN $8::bigint IS NULL THEN tasks.case_ref.amount_owed_fen ELSE EXCLUDED.amount_owed_fen END,
       updated_at = now()`,
    [c.caseId, c.caseNumber, c.court ?? null, c.judgeId ?? null, c.officerId ?? null, c.villageCode, c.townshipCode, c.amountOwedFen ?? null],
  );
  await m.query(
    `INSERT INTO tasks.case_party (case_id, party_id, role)
     SELECT $1::uuid, p, 'OBLIGOR' FROM unnest($2::uuid[]) p UNION ALL SELECT $1::uuid, p, 'OBLIGEE' FROM unnest($3::uuid[]) p
     ON CONFLICT DO NOTHING`,
    [c.caseId, c.obligorIds, c.obligeeIds],
  );
}

/** A party's display name from the people projection, with a neutral fallback while it is unknown. */
export async function partyNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows: { party_id: string; name: string }[] = await m.query(`SELECT party_id, name FROM tasks.party_ref WHERE party_id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.party_id, r.name]));
}
