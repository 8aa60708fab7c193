import type { Messaging } from '@zhiyuan/db';
import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { workingDaysBefore } from '../domain/calendar';
import { DishonestListingEntity } from '../entities';
import { removeListings } from './listings';

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

/**
 * Raises credit.partner.overdue once per department for the changes left unacknowledged for more
 * than `workingDays` working days; each change is reported once (overdue_reported_at).
 */
export async function reportOverduePartnerChanges(messaging: Messaging, now: Date, workingDays: number): Promise<number> {
  const cutoff = workingDaysBefore(now, workingDays);
  return messaging.transaction(async (manager, emit) => {
    const rows: { id: string; department: string; changed_at: Date }[] = await manager.query(
      `SELECT id, department, changed_at FROM people.credit_link_change
       WHERE acknowledged_at IS NULL AND overdue_reported_at IS NULL AND changed_at < $1
       ORDER BY changed_at LIMIT 5000 FOR UPDATE SKIP LOCKED`,
      [cutoff],
    );
    if (rows.length === 0) return 0;
    await manager.query(`UPDATE people.credit_link_change SET overdue_reported_at = $1 WHERE id = ANY($2::uuid[])`, [now, rows.map((r) => r.id)]);
    for (const department of PARTNER_DEPARTMENTS) {
      const mine = rows.filter((r) => r.department === department);
      if (mine.length === 0) continue;
      await emit(
        'credit.partner.overdue',
        { department, changeIds: mine.map((r) => r.id), oldestChangedAt: new Date(mine[0]!.changed_at).toISOString(), count: mine.length },
        { key: department },
      );
    }
    return rows.length;
  });
}
