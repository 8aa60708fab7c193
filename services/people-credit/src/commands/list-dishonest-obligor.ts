import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { sqlRow, type Emit } from '@zhiyuan/db';
import { errors, townshipOf, villageOf } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import {
  LISTING_GROUNDS,
  LISTING_MEASURES,
  MAX_EXTENSION_YEARS,
  MIN_EXTENSION_YEARS,
  checkListable,
  isExtensionYears,
  listingExpiry,
  relistingBlockedUntil,
  type ListingGround,
} from '../domain/listing-rules';
import { CaseProjectionEntity, DishonestListingEntity, PartyEntity } from '../entities';
import { requireCourt, requireMayListParty } from '../policy';
import { currentProfile } from '../queries/profiles';
import type { CommandContext } from './shared/command-context';
import { syncCreditLinks } from './shared/credit-links';
import { uuid } from './shared/fields';

const extensionYears = z
  .number()
  .int()
  .min(MIN_EXTENSION_YEARS, 'an extension is 1 to 3 years')
  .max(MAX_EXTENSION_YEARS, 'an extension is 1 to 3 years');

const listingInput = z.object({
  partyId: uuid,
  caseId: uuid,
  ground: z.enum(LISTING_GROUNDS),
  applicantPartyId: uuid.nullish(),
  extensionYears: extensionYears.nullish(),
  extensionReason: z.string().trim().max(500).nullish(),
});

export interface ListingInput {
  partyId: string;
  caseId: string;
  ground: ListingGround;
  applicantPartyId?: string | null;
  extensionYears?: number | null;
  extensionReason?: string | null;
}

/** The court lists an obligor (an enforcement officer only in their township), with the rules of domain/listing-rules. */
export async function listDishonestObligor(ctx: CommandContext, raw: unknown): Promise<DishonestListingEntity> {
  requireCourt(ctx.identity);
  const input = parseInput(listingInput, raw);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const party = await m.findOneBy(PartyEntity, { id: input.partyId });
    if (party) requireMayListParty(ctx.identity, party);
    return addListing(m, emit, input, ctx.identity.sub);
  });
}

/**
 * Lists an obligor on a case inside the caller's transaction: each refusal is a RULE_VIOLATION
 * naming its rule, and nothing is written. The listing, its event and the party's credit links
 * change together.
 */
export async function addListing(
  manager: EntityManager,
  emit: Emit,
  input: ListingInput,
  by: string,
  now = new Date(),
): Promise<DishonestListingEntity> {
  const ext = input.extensionYears ?? 0;
  if (input.extensionYears !== undefined && input.extensionYears !== null) {
    if (!isExtensionYears(ext)) throw errors.validation('extensionYears', 'An extension is 1 to 3 years');
    if (!input.extensionReason?.trim())
      throw errors.validation('extensionReason', 'An extension needs a reason (violence or repeated conduct)');
    if (input.ground === 'ABLE_BUT_REFUSES')
      throw errors.validation('extensionYears', '"Able but refuses" has no fixed term to extend');
  }
  const party = await manager.findOne(PartyEntity, {
    where: { id: input.partyId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!party) throw errors.notFound('Party', input.partyId);
  const c = await manager.findOneBy(CaseProjectionEntity, { caseId: input.caseId });
  checkListable(
    { party, case: c, profile: c && c.obligorIds.includes(party.id) ? await currentProfile(manager, party.id) : null },
    now,
  );
  if (input.applicantPartyId) {
    if (!c!.obligeeIds.includes(input.applicantPartyId))
      throw errors.validation('applicantPartyId', 'The applicant must be a rights holder of the case');
    const request = await sqlRow<{ removed_at: Date }>(
      manager,
      `SELECT removed_at FROM people.dishonest_listing
       WHERE party_id = $1 AND removal_ground = 'RIGHTS_HOLDER_REQUEST' AND removal_requested_by = $2
       ORDER BY removed_at DESC LIMIT 1`,
      [party.id, input.applicantPartyId],
    );
    if (request && now < relistingBlockedUntil(new Date(request.removed_at))) {
      throw errors.rule(
        'RELISTING_BLOCKED',
        'This rights holder asked for the deletion of this obligor less than 6 months ago and cannot have them re-listed yet',
      );
    }
  }
  const dup = await manager.findOneBy(DishonestListingEntity, {
    partyId: party.id,
    caseId: c!.caseId,
    status: 'ACTIVE',
  });
  if (dup) throw errors.conflict('The obligor is already listed on this case', { listingId: dup.id });

  const listing = manager.create(DishonestListingEntity, {
    id: randomUUID(),
    partyId: party.id,
    caseId: c!.caseId,
    ground: input.ground,
    status: 'ACTIVE',
    measures: LISTING_MEASURES,
    listedAt: now,
    expiresAt: listingExpiry(input.ground, now, ext),
    extensionYears: ext || null,
    extensionReason: ext ? input.extensionReason!.trim() : null,
    applicantPartyId: input.applicantPartyId ?? null,
    listedBy: by,
    villageCode: villageOf(party.homeDivisionCode) ?? c!.villageCode,
    townshipCode: townshipOf(party.homeDivisionCode) ?? c!.townshipCode,
    removedAt: null,
    removalGround: null,
    removalRequestedBy: null,
    removalNote: null,
  });
  await manager.insert(DishonestListingEntity, listing);
  await emit(
    'credit.listing.added',
    {
      listingId: listing.id,
      partyId: party.id,
      caseId: c!.caseId,
      villageCode: listing.villageCode,
      townshipCode: listing.townshipCode,
      listedAt: now.toISOString(),
      ground: listing.ground,
      expiresAt: listing.expiresAt?.toISOString() ?? null,
      measures: listing.measures,
    },
    { key: party.id },
  );
  await syncCreditLinks(manager, emit, party.id, `LISTED:${listing.ground}`, now);
  return listing;
}
