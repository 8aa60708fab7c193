import type { Messaging } from '@zhiyuan/db';
import { removeListings } from '../commands/shared/listings';
import { DishonestListingEntity } from '../entities';

/**
 * Removes listings whose term has run out (ground EXPIRED). Rows are locked and skipped when another
 * sweep holds them, and only ACTIVE rows are touched, so running it twice removes each listing once.
 */
export async function expireListings(messaging: Messaging, now: Date): Promise<number> {
  return messaging.transaction(async (manager, emit) => {
    const due = await manager
      .createQueryBuilder(DishonestListingEntity, 'l')
      .where(`l.status = 'ACTIVE' AND l.expires_at IS NOT NULL AND l.expires_at <= :now`, { now })
      .orderBy('l.expires_at')
      .limit(500)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    const removed = await removeListings(manager, emit, due, 'EXPIRED', now);
    return removed.length;
  });
}
