import { sqlExec, sqlRows, type Messaging } from '@zhiyuan/db';
import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { chinaCalendar } from '@zhiyuan/kernel';

interface UnacknowledgedChangeRow {
  id: string;
  department: string;
  changed_at: Date;
}

/**
 * Raises credit.partner.overdue once per department for the changes left unacknowledged for more
 * than `workingDays` working days (China's calendar: public holidays skipped, make-up days worked);
 * each change is reported once (overdue_reported_at).
 */
export async function reportOverduePartnerChanges(
  messaging: Messaging,
  now: Date,
  workingDays: number,
): Promise<number> {
  const cutoff = chinaCalendar.shiftWorkingDays(now, -workingDays);
  return messaging.transaction(async (manager, emit) => {
    const rows = await sqlRows<UnacknowledgedChangeRow>(
      manager,
      `SELECT id, department, changed_at FROM people.credit_link_change
       WHERE acknowledged_at IS NULL AND overdue_reported_at IS NULL AND changed_at < $1
       ORDER BY changed_at LIMIT 5000 FOR UPDATE SKIP LOCKED`,
      [cutoff],
    );
    if (rows.length === 0) return 0;
    await sqlExec(manager, `UPDATE people.credit_link_change SET overdue_reported_at = $1 WHERE id = ANY($2::uuid[])`, [
      now,
      rows.map((r) => r.id),
    ]);
    for (const department of PARTNER_DEPARTMENTS) {
      const mine = rows.filter((r) => r.department === department);
      if (mine.length === 0) continue;
      await emit(
        'credit.partner.overdue',
        {
          department,
          changeIds: mine.map((r) => r.id),
          oldestChangedAt: new Date(mine[0]!.changed_at).toISOString(),
          count: mine.length,
        },
        { key: department },
      );
    }
    return rows.length;
  });
}
