import type { EntityManager } from 'typeorm';

export interface CaseRoute {
  villageCode: string | null;
  townshipCode: string | null;
}

export type DeferrableSubject = 'cases.urging.started' | 'cases.enforcement.filed';

/**
 * Work on one case is serialized, so an urging or filing and the case's first routing (which arrive
 * on separate consumers, in any order) never both miss each other.
 */
export async function lockCase(m: EntityManager, caseId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('tasks.case:' || $1))`, [caseId]);
}

const known = (r: CaseRoute | undefined): r is CaseRoute => !!r && (!!r.villageCode || !!r.townshipCode);

/**
 * Where the case's work goes: the event's routing, else what this service already knows of the case
 * (a routing that arrived first), else the primary obligor's home from the party directory. Null when
 * nobody knows yet; the work is then deferred until the case is routed.
 */
export async function resolveRoute(m: EntityManager, caseId: string, fromEvent: CaseRoute, primaryObligorId: string | undefined): Promise<CaseRoute | null> {
  if (known(fromEvent)) return fromEvent;
  const [ref] = await m.query(`SELECT village_code AS "villageCode", township_code AS "townshipCode" FROM tasks.case_ref WHERE case_id = $1`, [caseId]);
  if (known(ref)) return ref;
  if (!primaryObligorId) return null;
  const [home] = await m.query(`SELECT village_code AS "villageCode", township_code AS "townshipCode" FROM tasks.party_ref WHERE party_id = $1`, [primaryObligorId]);
  return known(home) ? home : null;
}

export async function deferCaseWork(m: EntityManager, caseId: string, subject: DeferrableSubject, payload: object): Promise<void> {
  await m.query(
    `INSERT INTO tasks.deferred_case_work (case_id, subject, payload) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (case_id, subject) DO UPDATE SET payload = EXCLUDED.payload`,
    [caseId, subject, JSON.stringify(payload)],
  );
}

/** Takes the work waiting for this case's routing, in the case's own order (urging before filing), and removes it. */
export async function takeDeferredCaseWork(m: EntityManager, caseId: string): Promise<{ subject: DeferrableSubject; payload: Record<string, unknown> }[]> {
  // DELETE … RETURNING answers [rows, count] through TypeORM.
  const [rows]: [{ subject: DeferrableSubject; payload: Record<string, unknown> }[], number] = await m.query(
    `DELETE FROM tasks.deferred_case_work WHERE case_id = $1 RETURNING subject, payload`,
    [caseId],
  );
  const order: DeferrableSubject[] = ['cases.urging.started', 'cases.enforcement.filed'];
  return rows.sort((a, b) => order.indexOf(a.subject) - order.indexOf(b.subject)).map(({ subject, payload }) => ({ subject, payload }));
}
