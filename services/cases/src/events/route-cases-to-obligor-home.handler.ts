import { defineHandler, sqlExec, sqlRows, type Emit } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import { CaseEntity } from '../entities';
import { FILED_STATES } from '../domain/state-machine';
import { assignOfficer, fixedOfficerOf, lockRoutingForRoute } from '../commands/shared/routing';
import { addTimeline } from '../commands/shared/timeline';

interface Route {
  villageCode: string | null;
  townshipCode: string | null;
}

interface StoredRouteRow {
  party_id: string;
}

/**
 * Keeps the local projection party → home village/township, and lets open cases follow their
 * primary obligor: a judgment taken in before its party was known is routed now, and a party that
 * moves takes its open cases with it (recorded on each case's timeline).
 */
async function apply(
  event: EventEnvelope<'people.party.registered'> | EventEnvelope<'people.party.updated'>,
  manager: EntityManager,
  emit: Emit,
): Promise<void> {
  const p = event.payload;
  const at = new Date(event.occurredAt);
  await lockRoutingForRoute(manager);
  // Events of one party may arrive out of order; an older one never overwrites a newer route.
  const stored = await sqlRows<StoredRouteRow>(
    manager,
    `INSERT INTO cases.party_route (party_id, home_division_code, village_code, township_code, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (party_id) DO UPDATE SET home_division_code = EXCLUDED.home_division_code, village_code = EXCLUDED.village_code,
       township_code = EXCLUDED.township_code, updated_at = EXCLUDED.updated_at
     WHERE cases.party_route.updated_at <= EXCLUDED.updated_at
     RETURNING party_id`,
    [p.partyId, p.homeDivisionCode, p.villageCode, p.townshipCode, at],
  );
  // Division names only name things in texts; the latest heard wins.
  const named = [
    [p.villageCode, p.villageName],
    [p.townshipCode, p.townshipName],
  ].filter((x): x is [string, string] => typeof x[0] === 'string' && typeof x[1] === 'string' && x[1].length > 0);
  if (named.length)
    await sqlExec(
      manager,
      `INSERT INTO cases.division_name (code, name, updated_at) SELECT c, n, $3 FROM unnest($1::text[], $2::text[]) AS x(c, n)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
       WHERE cases.division_name.updated_at <= EXCLUDED.updated_at`,
      [named.map((x) => x[0]), named.map((x) => x[1]), at],
    );
  if (stored.length === 0) return;
  await rerouteOpenCasesOf(
    manager,
    emit,
    p.partyId,
    { villageCode: p.villageCode, townshipCode: p.townshipCode },
    `event:${event.type}`,
    new Date(),
  );
}

/**
 * Open cases whose primary obligor is this party follow the party's home division; a filed case
 * moving to another township passes to that township's fixed officer.
 */
async function rerouteOpenCasesOf(
  manager: EntityManager,
  emit: Emit,
  partyId: string,
  route: Route,
  actor: string,
  now: Date,
): Promise<void> {
  const open = await manager
    .getRepository(CaseEntity)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.obligor_ids[1] = :partyId', { partyId })
    .andWhere('c.closed_at IS NULL')
    .andWhere('(c.village_code IS DISTINCT FROM :v OR c.township_code IS DISTINCT FROM :t)', {
      v: route.villageCode,
      t: route.townshipCode,
    })
    .orderBy('c.id')
    .getMany();
  for (const c of open) {
    const previous = { villageCode: c.villageCode, townshipCode: c.townshipCode };
    c.villageCode = route.villageCode;
    c.townshipCode = route.townshipCode;
    await manager.update(
      CaseEntity,
      { id: c.id },
      { villageCode: route.villageCode, townshipCode: route.townshipCode, updatedAt: now },
    );
    let officerId = c.officerId;
    if (FILED_STATES.has(c.state) && (previous.townshipCode !== route.townshipCode || !c.officerId)) {
      officerId = await fixedOfficerOf(manager, route.townshipCode);
    }
    await addTimeline(manager, c.id, 'REROUTED', actor, now, {
      partyId,
      from: previous,
      to: route,
    });
    await emit(
      'cases.case.rerouted',
      {
        caseId: c.id,
        caseNumber: c.caseNumber,
        partyId,
        previousVillageCode: previous.villageCode,
        previousTownshipCode: previous.townshipCode,
        officerId,
        reroutedAt: now.toISOString(),
        ...route,
      },
      { key: c.id },
    );
    if (officerId !== c.officerId)
      await assignOfficer(manager, emit, c, officerId, 'obligor home division changed', actor, now);
  }
}

export const routeCasesOnPartyRegistered = defineHandler({
  name: 'route-cases-to-obligor-home-on-registration',
  subject: 'people.party.registered',
  handle: apply,
});

export const routeCasesOnPartyUpdated = defineHandler({
  name: 'route-cases-to-obligor-home-on-update',
  subject: 'people.party.updated',
  handle: apply,
});
