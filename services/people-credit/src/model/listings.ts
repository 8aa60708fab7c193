import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import { errors } from '@zhiyuan/server';
import { addMonths, addYears, isoDay } from '../domain/calendar';
import { ageOn } from '../domain/identity-numbers';
import { CaseProjectionEntity, DishonestListingEntity, PartyEntity } from '../entities';
import { currentProfile } from './profiles';
import { syncCreditLinks } from './links';
import { townshipOf, villageOf } from './routing';

export const LISTING_GROUNDS = [
  'ABLE_BUT_REFUSES',
  'OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS',
  'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS',
  'BREAKS_PROPERTY_REPORTING_DUTY',
  'BREAKS_CONSUMPTION_RESTRICTION',
  'REFUSES_SETTLEMENT_AGREEMENT',
] as const;
export type ListingGround = (typeof LISTING_GROUNDS)[number];
export type RemovalGround = 'FULL_PERFORMANCE' | 'SETTLED_AND_PERFORMED' | 'CASE_CLOSED' | 'RIGHTS_HOLDER_REQUEST' | 'EXPIRED' | 'CORRECTION';

/** The default term of a listing. */
export const LISTING_TERM_YEARS = 2;
/** A rights holder who asked for deletion cannot have the same obligor re-listed on their application within this many months. */
export const RELISTING_BLOCK_MONTHS = 6;
/** A listing always carries consumption restriction. */
export const LISTING_MEASURES = ['DISHONEST_LIST', 'CONSUMPTION_RESTRICTION'];

export interface ListingInput {
  partyId: string;
  caseId: string;
  ground: ListingGround;
  applicantPartyId?: string | null;
  extensionYears?: number | null;
  extensionReason?: string | null;
}

function expiry(ground: ListingGround, listedAt: Date, extensionYears: number): Date | null {
  return ground === 'ABLE_BUT_REFUSES' ? null : addYears(listedAt, LISTING_TERM_YEARS + extensionYears);
}

/** Applies the listing rules of DOMAIN.md; each refusal is a RULE_VIOLATION naming its rule, and nothing is written. */
export async function addListing(manager: EntityManager, emit: Emit, input: ListingInput, by: string, now = new Date()): Promise<DishonestListingEntity> {
  const ext = input.extensionYears ?? 0;
  if (input.extensionYears !== undefined && input.extensionYears !== null) {
    if (!Number.isInteger(ext) || ext < 1 || ext > 3) throw errors.validation('extensionYears', 'An extension is 1 to 3 years');
    if (!input.extensionReason?.trim()) throw errors.validation('extensionReason', 'An extension needs a reason (violence or repeated conduct)');
    if (input.ground === 'ABLE_BUT_REFUSES') throw errors.validation('extensionYears', '"Able but refuses" has no fixed term to extend');
  }
  const party = await manager.findOne(PartyEntity, { where: { id: input.partyId }, lock: { mode: 'pessimistic_write' } });
  if (!party) throw errors.notFound('Party', input.partyId);
  const c = await manager.findOneBy(CaseProjectionEntity, { caseId: input.caseId });
  if (!c || c.amountOwedFen === null) throw errors.rule('CASE_UNKNOWN', 'No effective judgment is known for this case; a listing needs a case with an outstanding obligation');
  if (!c.obligorIds.includes(party.id)) throw errors.rule('NOT_AN_OBLIGOR', 'Only an obligor of the case can be listed (never, for example, the legal representative of a company obligor)');
  const outstanding = c.outstandingFen ?? c.amountOwedFen;
  if (c.closedAt || outstanding <= 0) throw errors.rule('NO_OUTSTANDING_OBLIGATION', 'The obligation of this case is not outstanding');
  if (party.kind === 'PERSON' && party.birthDate && ageOn(party.birthDate, now) < 18) throw errors.rule('MINOR', 'A minor is never listed');
  const profile = await currentProfile(manager, party.id);
  if (profile?.classification === 'HONEST_IN_DIFFICULTY' && profile.graceUntil && profile.graceUntil >= isoDay(now)) {
    throw errors.rule('GRACE_PERIOD', `The obligor is in a grace period until ${profile.graceUntil}; nothing is published during it`);
  }
  if (profile?.classification === 'UNABLE') throw errors.rule('UNABLE_TO_PERFORM', 'The obligor is assessed as unable to perform; recommend relief or exit instead');
  if (input.applicantPartyId) {
    if (!c.obligeeIds.includes(input.applicantPartyId)) throw errors.validation('applicantPartyId', 'The applicant must be a rights holder of the case');
    const since = addMonths(now, -RELISTING_BLOCK_MONTHS);
    const [blocked] = await manager.query(
      `SELECT removed_at FROM people.dishonest_listing
       WHERE party_id = $1 AND removal_ground = 'RIGHTS_HOLDER_REQUEST' AND removal_requested_by = $2 AND removed_at > $3
       ORDER BY removed_at DESC LIMIT 1`,
      [party.id, input.applicantPartyId, since],
    );
    if (blocked) throw errors.rule('RELISTING_BLOCKED', 'This rights holder asked for the deletion of this obligor less than 6 months ago and cannot have them re-listed yet');
  }
  const dup = await manager.findOneBy(DishonestListingEntity, { partyId: party.id, caseId: c.caseId, status: 'ACTIVE' });
  if (dup) throw errors.conflict('The obligor is already listed on this case', { listingId: dup.id });

  const village = villageOf(party.homeDivisionCode) ?? c.villageCode;
  const listing = manager.create(DishonestListingEntity, {
    id: randomUUID(),
    partyId: party.id,
    caseId: c.caseId,
    ground: input.ground,
    status: 'ACTIVE',
    measures: LISTING_MEASURES,
    listedAt: now,
    expiresAt: expiry(input.ground, now, ext),
    extensionYears: ext || null,
    extensionReason: ext ? input.extensionReason!.trim() : null,
    applicantPartyId: input.applicantPartyId ?? null,
    listedBy: by,
    villageCode: village,
    townshipCode: townshipOf(party.homeDivisionCode) ?? c.townshipCode,
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
      caseId: c.caseId,
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

export async function extendListing(manager: EntityManager, id: string, years: number, reason: string): Promise<DishonestListingEntity> {
  if (!Number.isInteger(years) || years < 1 || years > 3) throw errors.validation('years', 'An extension is 1 to 3 years');
  if (!reason.trim()) throw errors.validation('reason', 'An extension needs a reason (violence or repeated conduct)');
  const l = await manager.findOne(DishonestListingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!l) throw errors.notFound('DishonestListing', id);
  if (l.status !== 'ACTIVE') throw errors.invalidTransition(l.status, 'EXTENDED');
  if (!l.expiresAt) throw errors.rule('NO_FIXED_TERM', '"Able but refuses" has no fixed term to extend');
  if (l.extensionYears) throw errors.rule('ALREADY_EXTENDED', 'The term of this listing was already extended');
  l.extensionYears = years;
  l.extensionReason = reason.trim();
  l.expiresAt = addYears(l.listedAt, LISTING_TERM_YEARS + years);
  await manager.save(DishonestListingEntity, l);
  return l;
}

/** Removes active listings with a ground, emits credit.listing.removed for each and re-derives the parties' credit links. */
export async function removeListings(
  manager: EntityManager,
  emit: Emit,
  listings: DishonestListingEntity[],
  ground: RemovalGround,
  now: Date,
  extra: { requestedBy?: string | null; note?: string | null; cause?: Pick<EventEnvelope, 'id' | 'correlationId'> } = {},
): Promise<DishonestListingEntity[]> {
  const removed: DishonestListingEntity[] = [];
  for (const l of listings) {
    if (l.status !== 'ACTIVE') continue;
    l.status = 'REMOVED';
    l.removedAt = now;
    l.removalGround = ground;
    l.removalRequestedBy = extra.requestedBy ?? null;
    l.removalNote = extra.note ?? null;
    await manager.update(DishonestListingEntity, { id: l.id, status: 'ACTIVE' }, { status: 'REMOVED', removedAt: now, removalGround: ground, removalRequestedBy: l.removalRequestedBy, removalNote: l.removalNote });
    await emit(
      'credit.listing.removed',
      { listingId: l.id, partyId: l.partyId, caseId: l.caseId, villageCode: l.villageCode, townshipCode: l.townshipCode, listedAt: l.listedAt.toISOString(), removalGround: ground, removedAt: now.toISOString() },
      { key: l.partyId, cause: extra.cause },
    );
    removed.push(l);
  }
  for (const partyId of [...new Set(removed.map((l) => l.partyId))].sort()) await syncCreditLinks(manager, emit, partyId, `REMOVED:${ground}`, now, extra.cause);
  return removed;
}

/**
 * Active listings of a case, locked for removal. The parties are locked first, in id order, as
 * listing does (party, then listing rows), so a listing and a removal never deadlock.
 */
export async function activeListingsOfCase(manager: EntityManager, caseId: string): Promise<DishonestListingEntity[]> {
  const parties: { party_id: string }[] = await manager.query(`SELECT DISTINCT party_id FROM people.dishonest_listing WHERE case_id = $1 AND status = 'ACTIVE' ORDER BY party_id`, [caseId]);
  if (parties.length === 0) return [];
  await manager.query(`SELECT id FROM people.party WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [parties.map((p) => p.party_id)]);
  return manager.find(DishonestListingEntity, { where: { caseId, status: 'ACTIVE' }, lock: { mode: 'pessimistic_write' } });
}
