import type { EntityManager } from 'typeorm';
import { sqlRows, type Emit } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import type { RemovalGround } from '../../domain/listing-rules';
import { DishonestListingEntity } from '../../entities';
import { syncCreditLinks } from './credit-links';

/** Removes active listings with a ground, emits credit.listing.removed for each and re-derives the parties' credit links. */
export async function removeListings(
  manager: EntityManager,
  emit: Emit,
  listings: DishonestListingEntity[],
  ground: RemovalGround,
  now: Date,
  extra: {
    requestedBy?: string | null;
    note?: string | null;
    cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  } = {},
): Promise<DishonestListingEntity[]> {
  const removed: DishonestListingEntity[] = [];
  for (const l of listings) {
    if (l.status !== 'ACTIVE') continue;
    l.status = 'REMOVED';
    l.removedAt = now;
    l.removalGround = ground;
    l.removalRequestedBy = extra.requestedBy ?? null;
    l.removalNote = extra.note ?? null;
    await manager.update(
      DishonestListingEntity,
      { id: l.id, status: 'ACTIVE' },
      {
        status: 'REMOVED',
        removedAt: now,
        removalGround: ground,
        removalRequestedBy: l.removalRequestedBy,
        removalNote: l.removalNote,
      },
    );
    await emit(
      'credit.listing.removed',
      {
        listingId: l.id,
        partyId: l.partyId,
        caseId: l.caseId,
        villageCode: l.villageCode,
        townshipCode: l.townshipCode,
        listedAt: l.listedAt.toISOString(),
        removalGround: ground,
        removedAt: now.toISOString(),
      },
      { key: l.partyId, cause: extra.cause },
    );
    removed.push(l);
  }
  for (const partyId of [...new Set(removed.map((l) => l.partyId))].sort())
    await syncCreditLinks(manager, emit, partyId, `REMOVED:${ground}`, now, extra.cause);
  return removed;
}

/**
 * Active listings of a case, locked for removal. The parties are locked first, in id order, as
 * listing does (party, then listing rows), so a listing and a removal never deadlock.
 */
export async function activeListingsOfCase(manager: EntityManager, caseId: string): Promise<DishonestListingEntity[]> {
  const parties = await sqlRows<{ party_id: string }>(
    manager,
    `SELECT DISTINCT party_id FROM people.dishonest_listing WHERE case_id = $1 AND status = 'ACTIVE' ORDER BY party_id`,
    [caseId],
  );
  if (parties.length === 0) return [];
  await sqlRows<{ id: string }>(
    manager,
    `SELECT id FROM people.party WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [parties.map((p) => p.party_id)],
  );
  return manager.find(DishonestListingEntity, {
    where: { caseId, status: 'ACTIVE' },
    lock: { mode: 'pessimistic_write' },
  });
}
