import type { EntityManager } from 'typeorm';
import { sqlExec, sqlRow, type Emit, type SqlRunner } from '@zhiyuan/db';
import { CaseEntity } from '../../entities';
import { addTimeline } from './timeline';

/**
 * Intake and the party-route handler meet on one advisory lock, so neither can miss the other's row:
 * an intake (a mutation or an import batch) holds it shared while it reads `party_route` and writes
 * cases, the handler holds it exclusively while it writes the route and re-routes the party's open
 * cases. Whichever commits second sees the first's row (READ COMMITTED: each statement sees what was
 * committed before it began). Intakes never wait for each other.
 */
const ROUTING_LOCK = `hashtext('cases.routing')`;

/** The intake's statement, also run by the bulk import on its own pg connection. */
export const INTAKE_ROUTING_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(${ROUTING_LOCK})`;

export async function lockRoutingForIntake(runner: SqlRunner): Promise<void> {
  await sqlExec(runner, INTAKE_ROUTING_LOCK_SQL);
}

export async function lockRoutingForRoute(runner: SqlRunner): Promise<void> {
  await sqlExec(runner, `SELECT pg_advisory_xact_lock(${ROUTING_LOCK})`);
}

interface FixedOfficerRow {
  staff_id: string;
}

/** The fixed enforcement officer of a township: the longest-serving active officer homed there. */
export async function fixedOfficerOf(
  manager: SqlRunner,
  townshipCode: string | null,
  except?: string,
): Promise<string | null> {
  if (!townshipCode) return null;
  const row = await sqlRow<FixedOfficerRow>(
    manager,
    `SELECT staff_id FROM cases.staff_member
      WHERE active AND 'ENFORCEMENT_OFFICER' = ANY(roles) AND division_code = $1 AND ($2::uuid IS NULL OR staff_id <> $2)
      ORDER BY registered_at, staff_id LIMIT 1`,
    [townshipCode, except ?? null],
  );
  return row?.staff_id ?? null;
}

/** Changes a filed case's officer, on the timeline and on the bus. Returns whether it changed. */
export async function assignOfficer(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  officerId: string | null,
  reason: string,
  actor: string,
  now: Date,
): Promise<boolean> {
  if (c.officerId === officerId) return false;
  const previous = c.officerId;
  c.officerId = officerId;
  c.updatedAt = now;
  await manager.update(CaseEntity, { id: c.id }, { officerId, updatedAt: now });
  await addTimeline(manager, c.id, 'OFFICER_ASSIGNED', actor, now, { officerId, previousOfficerId: previous, reason });
  await emit(
    'cases.officer.assigned',
    {
      caseId: c.id,
      officerId,
      previousOfficerId: previous,
      reason,
      assignedAt: now.toISOString(),
      villageCode: c.villageCode,
      townshipCode: c.townshipCode,
    },
    { key: c.id },
  );
  return true;
}
