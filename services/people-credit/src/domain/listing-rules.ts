import { addMonths, addYears, courtDate, daysBetween, errors, shiftDays } from '@zhiyuan/kernel';
import type { CaseProjectionEntity, CreditProfileEntity, PartyEntity } from '../entities';
import { ageOn } from './identity-numbers';

/** The grounds of a listing (最高人民法院关于公布失信被执行人名单信息的若干规定, art. 1). */
export const LISTING_GROUNDS = [
  'ABLE_BUT_REFUSES',
  'OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS',
  'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS',
  'BREAKS_PROPERTY_REPORTING_DUTY',
  'BREAKS_CONSUMPTION_RESTRICTION',
  'REFUSES_SETTLEMENT_AGREEMENT',
] as const;
export type ListingGround = (typeof LISTING_GROUNDS)[number];
export type RemovalGround =
  'FULL_PERFORMANCE' | 'SETTLED_AND_PERFORMED' | 'CASE_CLOSED' | 'RIGHTS_HOLDER_REQUEST' | 'EXPIRED' | 'CORRECTION';

/** The default term of a listing. */
export const LISTING_TERM_YEARS = 2;
/** A rights holder who asked for deletion cannot have the same obligor re-listed on their application within this many months. */
export const RELISTING_BLOCK_MONTHS = 6;
/** A listing always carries consumption restriction. */
export const LISTING_MEASURES = ['DISHONEST_LIST', 'CONSUMPTION_RESTRICTION'];
/** An extension (violence or repeated conduct) adds 1 to 3 years, once. */
export const MIN_EXTENSION_YEARS = 1;
export const MAX_EXTENSION_YEARS = 3;

/**
 * The same time of day, `months` months later in the court's calendar: the day of the month is kept
 * where it exists, so 31 August + 6 months is the last day of February.
 */
export function monthsAfter(at: Date, months: number): Date {
  const day = courtDate(at);
  return shiftDays(at, daysBetween(day, addMonths(day, months)));
}

export function yearsAfter(at: Date, years: number): Date {
  const day = courtDate(at);
  return shiftDays(at, daysBetween(day, addYears(day, years)));
}

export function isExtensionYears(years: number): boolean {
  return Number.isInteger(years) && years >= MIN_EXTENSION_YEARS && years <= MAX_EXTENSION_YEARS;
}

/** When a listing's term ends: "able but refuses" has no fixed term (it lasts until performance). */
export function listingExpiry(ground: string, listedAt: Date, extensionYears: number): Date | null {
  return ground === 'ABLE_BUT_REFUSES' ? null : yearsAfter(listedAt, LISTING_TERM_YEARS + extensionYears);
}

/** Until when a rights holder's deletion request blocks re-listing the obligor on their application. */
export function relistingBlockedUntil(removedAt: Date): Date {
  return monthsAfter(removedAt, RELISTING_BLOCK_MONTHS);
}

/** The removal ground a closed case gives its listings. */
export function removalGroundOfOutcome(outcome: string | null | undefined): RemovalGround {
  if (outcome === 'SETTLED_AND_PERFORMED') return 'SETTLED_AND_PERFORMED';
  return outcome === 'COMPLETED' || outcome === 'PERFORMED_AFTER_URGING' ? 'FULL_PERFORMANCE' : 'CASE_CLOSED';
}

/** A party is restricted at every partner department while it has an active listing. */
export function creditLinkStatus(activeListings: number): 'RESTRICTED' | 'CLEAR' {
  return activeListings > 0 ? 'RESTRICTED' : 'CLEAR';
}

/** What the listing rules look at: the case as projected, the party and its current profile. */
export interface ListingCandidate {
  party: Pick<PartyEntity, 'id' | 'kind' | 'birthDate'>;
  case: Pick<CaseProjectionEntity, 'obligorIds' | 'amountOwedFen' | 'outstandingFen' | 'closedAt'> | null;
  profile: Pick<CreditProfileEntity, 'classification' | 'graceUntil'> | null;
}

/**
 * The listing rules of docs/people-credit.md, in their order: each refusal is a RULE_VIOLATION
 * naming its rule. (Re-listing after a rights holder's request and a duplicate are checked against
 * the other listings by the command.)
 */
export function checkListable({ party, case: c, profile }: ListingCandidate, now: Date): void {
  if (!c || c.amountOwedFen === null)
    throw errors.rule(
      'CASE_UNKNOWN',
      'No effective judgment is known for this case; a listing needs a case with an outstanding obligation',
    );
  if (!c.obligorIds.includes(party.id))
    throw errors.rule(
      'NOT_AN_OBLIGOR',
      'Only an obligor of the case can be listed (never, for example, the legal representative of a company obligor)',
    );
  const outstanding = c.outstandingFen ?? c.amountOwedFen;
  if (c.closedAt || outstanding <= 0)
    throw errors.rule('NO_OUTSTANDING_OBLIGATION', 'The obligation of this case is not outstanding');
  if (party.kind === 'PERSON' && party.birthDate && ageOn(party.birthDate, now) < 18)
    throw errors.rule('MINOR', 'A minor is never listed');
  if (
    profile?.classification === 'HONEST_IN_DIFFICULTY' &&
    profile.graceUntil &&
    profile.graceUntil >= courtDate(now)
  ) {
    throw errors.rule(
      'GRACE_PERIOD',
      `The obligor is in a grace period until ${profile.graceUntil}; nothing is published during it`,
    );
  }
  if (profile?.classification === 'UNABLE')
    throw errors.rule(
      'UNABLE_TO_PERFORM',
      'The obligor is assessed as unable to perform; recommend relief or exit instead',
    );
}
