import { defineHandler } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { lockRoutingForRoute, rerouteOpenCasesOf } from '../app/routing';

/**
 * Keeps the local projection party → home village/township, and lets open cases follow their
 * primary obligor: a judgment taken in before its party was known is routed now, and a party that
 * moves takes its open cases with it (recorded on each case's timeline).
 */
async function apply(event: EventEnvelope<'people.party.registered'> | EventEnvelope<'people.party.updated'>, manager: EntityManager, emit: Emit): Promise<void> {
  const p = event.payload;
  const at = new Date(event.occurredAt);
  await lockRoutingForRoute(manager);
  // Events of one party may arrive out of order; an older one never overwrites a newer route.
  const rows: unknown[] = await manager.query(
    `INSERT INTO cases.party_route (party_id, home_division_code, village_code, township_code, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (party_id) DO UPDATE SET home_division_code = EXCLUDED.home_division_code, village_code = EXCLUDED.village_code,
       township_code = EXCLUDED.township_code, updated_at = EXCLUDED.updated_at
     WHERE cases.party_route.updated_at <= EXCLUDED.updated_at
     RETURNING party_id`,
    [p.partyId, p.homeDivisionCode, p.villageCode, p.townshipCode, at],
  );
  if (rows.length === 0) return;
  await rerouteOpenCasesOf(manager, emit, p.partyId, { villageCode: p.villageCode, townshipCode: p.townshipCode }, `event:${event.type}`, new Date());
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
