import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { CaseEntity } from '../entities';
import { FILED_STATES } from '../domain/state-machine';
import { addTimeline } from './timeline';

export interface Route {
  villageCode: string | null;
  townshipCode: string | null;
}


/**
 * Intake and the party-route handler meet on one advisory lock, so neither can miss the other's row:
 * an intake (a mutation or an import batch) holds it shared while it reads `party_route` and writes
 * cases, the handler holds it exclusively while it writes the route and re-routes the party's open
 * cases. Whichever commits second sees the first's row (READ COMMITTED: each statement sees what was
 * committed before it began). Intakes never wait for each other.
 */
const ROUTING_LOCK = `hashtext('cases.routing')`;

export async function lockRoutingForIntake(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock_shared(${ROUTING_LOCK})`);
}

export async function lockRoutingForRoute(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(${ROUTING_LOCK})`);
}

/** The fixed enforcement officer of a township: the longest-serving active officer homed there. */
export async function fixedOfficerOf(manager: EntityManager, townshipCode: string | null, except?: string): Promise<string | null> {
  if (!townshipCode) return null;
  const rows: { staff_id: string }[] = await manager.query(
    `SELECT staff_id FROM cases.staff_member
      WHERE active AND 'ENFORCEMENT_OFFICER' = ANY(roles) AND division_code = $1 AND ($2::uuid IS NULL OR staff_id <> $2)
      ORDER BY registered_at, staff_id LIMIT 1`,
    [townshipCode, except ?? null],
  );
  return rows[0]?.staff_id ?? null;
}

export async function routeOf(manager: EntityManager, partyId: string): Promise<Route | null> {
  const rows: { village_code: string | null; township_code: string | null }[] = await manager.query(`SELECT village_code, township_code FROM cases.party_route WHERE party_id = $1`, [partyId]);
  return rows[0] ? { villageCode: rows[0].village_code, townshipCode: rows[0].township_code } : null;
}

/** Changes a filed case's officer, on the timeline and on the bus. Returns whether it changed. */
export async function assignOfficer(manager: EntityManager, emit: Emit, c: CaseEntity, officerId: string | null, reason: string, actor: string, now: Date): Promise<boolean> {
  if (c.officerId === officerId) return false;
  const previous = c.officerId;
  c.officerId = officerId;
  c.updatedAt = now;
  await manager.update(CaseEntity, { id: c.id }, { officerId, updatedAt: now });
  await addTimeline(manager, c.id, 'OFFICER_ASSIGNED', actor, now, officerId ? `Assigned to officer ${officerId}` : 'No enforcement officer for this township yet', { officerId, previousOfficerId: previous, reason });
  await emit('cases.officer.assigned', { caseId: c.id, officerId, previousOfficerId: previous, reason, assignedAt: now.toISOString(), villageCode: c.villageCode, townshipCode: c.townshipCode }, { key: c.id });
  return true;
}

/**
 * Open cases whose primary obligor is this party follow the party's home division; a filed case
 * moving to another township passes to that township's fixed officer.
 */
export async function rerouteOpenCasesOf(manager: EntityManager, emit: Emit, partyId: string, route: Route, actor: string, now: Date): Promise<number> {
  const open = await manager
    .getRepository(CaseEntity)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.obligor_ids[1] = :partyId', { partyId })
    .andWhere('c.closed_at IS NULL')
    .andWhere('(c.village_code IS DISTINCT FROM :v OR c.township_code IS DISTINCT FROM :t)', { v: route.villageCode, t: route.townshipCode })
    .orderBy('c.id')
    .getMany();
  for (const c of open) {
    const previous = { villageCode: c.villageCode, townshipCode: c.townshipCode };
    c.villageCode = route.villageCode;
    c.townshipCode = route.townshipCode;
    await manager.update(CaseEntity, { id: c.id }, { villageCode: route.villageCode, townshipCode: route.townshipCode, updatedAt: now });
    let officerId = c.officerId;
    if (FILED_STATES.has(c.state) && (previous.townshipCode !== route.townshipCode || !c.officerId)) {
      officerId = await fixedOfficerOf(manager, route.townshipCode);
    }
    await addTimeline(manager, c.id, 'REROUTED', actor, now, previous.villageCode || previous.townshipCode ? `Moved from ${previous.villageCode ?? previous.townshipCode} to ${route.villageCode ?? route.townshipCode ?? 'unknown'}` : `Routed to ${route.villageCode ?? route.townshipCode ?? 'unknown'}`, {
      partyId,
      from: previous,
      to: route,
    });
    await emit(
      'cases.case.rerouted',
      { caseId: c.id, caseNumber: c.caseNumber, partyId, previousVillageCode: previous.villageCode, previousTownshipCode: previous.townshipCode, officerId, reroutedAt: now.toISOString(), ...route },
      { key: c.id },
    );
    if (officerId !== c.officerId) await assignOfficer(manager, emit, c, officerId, 'obligor home division changed', actor, now);
  }
  return open.length;
}
