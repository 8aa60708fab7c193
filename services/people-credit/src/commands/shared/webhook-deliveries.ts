import type { EntityManager } from 'typeorm';
import { sqlExec } from '@zhiyuan/db';

/**
 * Queues a delivery of each credit-link change to every webhook of its department that takes
 * credit.link.changed (paused ones too: they hold it until resumed), in the transaction that
 * records the change, so a change is never recorded without its deliveries (an outbox per webhook).
 */
export async function queueWebhookDeliveries(
  manager: EntityManager,
  partyId: string,
  changes: readonly { department: string; changeId: string }[],
  now: Date,
): Promise<void> {
  if (!changes.length) return;
  await sqlExec(
    manager,
    `INSERT INTO people.webhook_delivery (id, webhook_id, change_id, party_id, event_type, changed_at, next_attempt_at, created_at)
     SELECT gen_random_uuid(), w.id, c.change_id, $1, 'credit.link.changed', $4, $4, $4
     FROM unnest($2::text[], $3::uuid[]) AS c(department, change_id)
     JOIN people.webhook w ON w.department = c.department AND 'credit.link.changed' = ANY(w.events)
     ORDER BY w.id`,
    [partyId, changes.map((c) => c.department), changes.map((c) => c.changeId), now],
  );
}
