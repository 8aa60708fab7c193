import { z } from 'zod';
import { noteAuditChanges, sqlRow } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { DishonestListingEntity } from '../entities';
import { requireCourt, requireListingInScope } from '../policy';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';
import { removeListings } from './shared/listings';
import { lockParty } from './shared/parties';

const removeInput = z.object({
  ground: z.enum(['RIGHTS_HOLDER_REQUEST', 'CORRECTION', 'SETTLED_AND_PERFORMED']),
  requestedByPartyId: uuid.nullish(),
  note: z.string().trim().max(500).nullish(),
});

/** The court removes a listing by hand: on a rights holder's request (which blocks their re-listing for 6 months), as a correction, or settled and performed. */
export async function removeListing(
  ctx: CommandContext,
  rawId: unknown,
  raw: unknown,
): Promise<DishonestListingEntity> {
  requireCourt(ctx.identity);
  const id = parseInput(uuid, rawId);
  const input = parseInput(removeInput, raw);
  if (input.ground === 'RIGHTS_HOLDER_REQUEST' && !input.requestedByPartyId)
    throw errors.validation('requestedByPartyId', 'Name the rights holder who asked for the deletion');
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const found = await m.findOneBy(DishonestListingEntity, { id });
    if (!found) throw errors.notFound('DishonestListing', id);
    // Party first, then the listing row: the same lock order as listing and the case handlers.
    await lockParty(m, found.partyId);
    const l = await m.findOneOrFail(DishonestListingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    requireListingInScope(ctx.identity, l);
    if (l.status !== 'ACTIVE') throw errors.invalidTransition(l.status, 'REMOVED');
    if (input.ground === 'RIGHTS_HOLDER_REQUEST') {
      const c = await sqlRow<{ obligee_ids: string[] }>(
        m,
        `SELECT obligee_ids FROM people.case_projection WHERE case_id = $1`,
        [l.caseId],
      );
      if (!c || !c.obligee_ids.includes(input.requestedByPartyId!))
        throw errors.validation('requestedByPartyId', 'Only a rights holder of the case can ask for deletion');
    }
    const before = { ...l } as unknown as Record<string, unknown>;
    await removeListings(m, emit, [l], input.ground, new Date(), {
      requestedBy: input.requestedByPartyId ?? null,
      note: input.note ?? null,
    });
    noteAuditChanges(
      auditChanges(before, l as unknown as Record<string, unknown>, ['status', 'removalGround', 'removedAt']),
    );
    return l;
  });
}
