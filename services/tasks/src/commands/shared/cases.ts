import { DomainError } from '@zhiyuan/kernel';
import { sqlExec, sqlRow, sqlRows } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import { CasePartyEntity, CaseRefEntity } from '../../entities';
import { inCaseOrder, isKnownRoute, type CaseRoute, type DeferrableSubject } from '../../domain/routing';

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
  await sqlExec(
    m,
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
    [
      c.caseId,
      c.caseNumber,
      c.court ?? null,
      c.judgeId ?? null,
      c.officerId ?? null,
      c.villageCode,
      c.townshipCode,
      c.amountOwedFen ?? null,
    ],
  );
  await sqlExec(
    m,
    `INSERT INTO tasks.case_party (case_id, party_id, role)
     SELECT $1::uuid, p, 'OBLIGOR' FROM unnest($2::uuid[]) p UNION ALL SELECT $1::uuid, p, 'OBLIGEE' FROM unnest($3::uuid[]) p
     ON CONFLICT DO NOTHING`,
    [c.caseId, c.obligorIds, c.obligeeIds],
  );
}

/** A party's display name from the people projection, with a neutral fallback while it is unknown. */
export async function partyNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = await sqlRows<{ party_id: string; name: string }>(
    m,
    `SELECT party_id, name FROM tasks.party_ref WHERE party_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.party_id, r.name]));
}

/**
 * Work on one case is serialized, so an urging or filing and the case's first routing (which arrive
 * on separate consumers, in any order) never both miss each other.
 */
export async function lockCase(m: EntityManager, caseId: string): Promise<void> {
  await sqlExec(m, `SELECT pg_advisory_xact_lock(hashtext('tasks.case:' || $1))`, [caseId]);
}

/**
 * Where the case's work goes: the event's routing, else what this service already knows of the case
 * (a routing that arrived first), else the primary obligor's home from the party directory. Null when
 * nobody knows yet; the work is then deferred until the case is routed.
 */
export async function resolveRoute(
  m: EntityManager,
  caseId: string,
  fromEvent: CaseRoute,
  primaryObligorId: string | undefined,
): Promise<CaseRoute | null> {
  if (isKnownRoute(fromEvent)) return fromEvent;
  const ref = await sqlRow<CaseRoute>(
    m,
    `SELECT village_code AS "villageCode", township_code AS "townshipCode" FROM tasks.case_ref WHERE case_id = $1`,
    [caseId],
  );
  if (isKnownRoute(ref)) return ref;
  if (!primaryObligorId) return null;
  const home = await sqlRow<CaseRoute>(
    m,
    `SELECT village_code AS "villageCode", township_code AS "townshipCode" FROM tasks.party_ref WHERE party_id = $1`,
    [primaryObligorId],
  );
  return isKnownRoute(home) ? home : null;
}

export async function deferCaseWork(
  m: EntityManager,
  caseId: string,
  subject: DeferrableSubject,
  payload: object,
): Promise<void> {
  await sqlExec(
    m,
    `INSERT INTO tasks.deferred_case_work (case_id, subject, payload) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (case_id, subject) DO UPDATE SET payload = EXCLUDED.payload`,
    [caseId, subject, JSON.stringify(payload)],
  );
}

/** Takes the work waiting for this case's routing, in the case's own order (urging before filing), and removes it. */
export async function takeDeferredCaseWork(
  m: EntityManager,
  caseId: string,
): Promise<{ subject: DeferrableSubject; payload: Record<string, unknown> }[]> {
  const rows = await sqlRows<{ subject: DeferrableSubject; payload: Record<string, unknown> }>(
    m,
    `DELETE FROM tasks.deferred_case_work WHERE case_id = $1 RETURNING subject, payload`,
    [caseId],
  );
  return inCaseOrder(rows).map(({ subject, payload }) => ({ subject, payload }));
}

/** The case as this service knows it, with its parties; NOT_FOUND when it was never seen here. */
export async function requireCase(
  m: EntityManager,
  caseId: string,
): Promise<{ ref: CaseRefEntity; parties: CasePartyEntity[] }> {
  const ref = await m.getRepository(CaseRefEntity).findOneBy({ caseId });
  if (!ref)
    throw new DomainError('NOT_FOUND', `Case ${caseId} was not found`, { entity: 'Case', id: caseId, field: 'caseId' });
  return { ref, parties: await m.getRepository(CasePartyEntity).findBy({ caseId }) };
}

/** The judge of a case, from the case projection (null when unknown). */
export async function judgeOfCase(m: EntityManager, caseId: string | null): Promise<string | null> {
  if (!caseId) return null;
  const row = await sqlRow<{ judge_id: string | null }>(m, `SELECT judge_id FROM tasks.case_ref WHERE case_id = $1`, [
    caseId,
  ]);
  return row?.judge_id ?? null;
}

export function notObligor(field: string): DomainError {
  return new DomainError('RULE_VIOLATION', 'This party is not an obligor of the case', {
    rule: 'OBLIGOR_OF_CASE',
    field,
  });
}

export const isObligorOf = (parties: CasePartyEntity[], partyId: string) =>
  parties.some((p) => p.partyId === partyId && p.role === 'OBLIGOR');

/** A plan, visit or declaration about a case: the case exists here and the party is one of its obligors. */
export async function requireObligorCase(
  m: EntityManager,
  partyId: string,
  caseId: string | null | undefined,
): Promise<void> {
  if (!caseId) return;
  const { parties } = await requireCase(m, caseId);
  if (!isObligorOf(parties, partyId)) throw notObligor('caseId');
}
