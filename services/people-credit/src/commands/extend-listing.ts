import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { LISTING_TERM_YEARS, isExtensionYears, yearsAfter } from '../domain/listing-rules';
import { DishonestListingEntity } from '../entities';
import { requireCourt, requireListingInScope } from '../policy';
import type { CommandContext } from './shared/command-context';
import { uuid } from './shared/fields';

/** Extends the term of an active fixed-term listing once, by 1 to 3 years, with a reason (violence or repeated conduct). */
export async function extendListing(
  ctx: CommandContext,
  rawId: unknown,
  years: number,
  reason: string,
): Promise<DishonestListingEntity> {
  requireCourt(ctx.identity);
  const id = parseInput(uuid, rawId);
  return ctx.runtime.messaging.transaction(async (m) => {
    const found = await m.findOneBy(DishonestListingEntity, { id });
    if (found) requireListingInScope(ctx.identity, found);
    if (!isExtensionYears(years)) throw errors.validation('years', 'An extension is 1 to 3 years');
    if (!reason.trim()) throw errors.validation('reason', 'An extension needs a reason (violence or repeated conduct)');
    const l = await m.findOne(DishonestListingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!l) throw errors.notFound('DishonestListing', id);
    if (l.status !== 'ACTIVE') throw errors.invalidTransition(l.status, 'EXTENDED');
    if (!l.expiresAt) throw errors.rule('NO_FIXED_TERM', '"Able but refuses" has no fixed term to extend');
    if (l.extensionYears) throw errors.rule('ALREADY_EXTENDED', 'The term of this listing was already extended');
    const before = { ...l } as unknown as Record<string, unknown>;
    l.extensionYears = years;
    l.extensionReason = reason.trim();
    l.expiresAt = yearsAfter(l.listedAt, LISTING_TERM_YEARS + years);
    await m.save(DishonestListingEntity, l);
    noteAuditChanges(
      auditChanges(before, l as unknown as Record<string, unknown>, ['extensionYears', 'extensionReason', 'expiresAt']),
    );
    return l;
  });
}
