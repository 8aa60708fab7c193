import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlExec, sqlRow, sqlRows, type Emit } from '@zhiyuan/db';
import { PARTNER_DEPARTMENTS, type EventEnvelope } from '@zhiyuan/events';
import { maskIdNumber } from '@zhiyuan/kernel';
import { creditLinkStatus } from '../../domain/listing-rules';
import { CreditLinkEntity } from '../../entities';
import { queueWebhookDeliveries } from './webhook-deliveries';

/**
 * Derives the party's restriction status for each partner department from its active listings and,
 * for every department whose status changes, records the change and publishes credit.link.changed
 * on credit.link.changed.<department>. The party row is locked so concurrent listings serialize.
 */
export async function syncCreditLinks(
  manager: EntityManager,
  emit: Emit,
  partyId: string,
  reason: string,
  now: Date,
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>,
): Promise<number> {
  const party = await sqlRow<{ id: string; id_number: string }>(
    manager,
    `SELECT id, id_number FROM people.party WHERE id = $1 FOR UPDATE`,
    [partyId],
  );
  if (!party) return 0;
  const active = await sqlRows<{ id: string }>(
    manager,
    `SELECT id FROM people.dishonest_listing WHERE party_id = $1 AND status = 'ACTIVE' ORDER BY listed_at`,
    [partyId],
  );
  const status = creditLinkStatus(active.length);
  const listingIds = active.map((l) => l.id);
  const links = await manager.findBy(CreditLinkEntity, { partyId });
  const changed = PARTNER_DEPARTMENTS.filter(
    (d) => (links.find((l) => l.department === d)?.status ?? 'CLEAR') !== status,
  ).map((department) => ({ department, changeId: randomUUID() }));
  if (!changed.length) return 0;
  // The links and their change records, every department at once.
  await sqlExec(
    manager,
    `WITH c AS (SELECT * FROM unnest($2::text[], $3::uuid[]) AS x(department, change_id)),
     l AS (INSERT INTO people.credit_link (party_id, department, status, changed_at) SELECT $1, department, $4, $5 FROM c ORDER BY department
           ON CONFLICT (party_id, department) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at)
     INSERT INTO people.credit_link_change (id, party_id, department, status, reason, listing_ids, changed_at) SELECT change_id, $1, department, $4, $6, $7, $5 FROM c`,
    [partyId, changed.map((c) => c.department), changed.map((c) => c.changeId), status, now, reason, listingIds],
  );
  await queueWebhookDeliveries(manager, partyId, changed, now);
  for (const { department, changeId } of changed) {
    await emit(
      'credit.link.changed',
      {
        changeId,
        partyId,
        department,
        status,
        idNumberMasked: maskIdNumber(party.id_number),
        listingIds,
        reason,
        changedAt: now.toISOString(),
      },
      { key: partyId, cause },
    );
  }
  return changed.length;
}
