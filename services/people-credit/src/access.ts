import { hasRole, isAnonymous, type Identity } from '@zhiyuan/auth';
import { DomainError, canSeeDivision, errors } from '@zhiyuan/server';
import type { DishonestListingEntity, PartyEntity } from './entities';
import type { Loaders } from './loaders';

/**
 * This service's rows of the access matrix (docs/people-credit.md). Anonymous callers reach only the
 * exposure board; everything else needs a signed-in identity.
 */
export function requireSignedIn(identity: Identity): void {
  if (isAnonymous(identity)) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this');
}

/** Staff of the court and of the three levels: everyone except parties and partners. */
export function isStaff(identity: Identity): boolean {
  return hasRole(identity, 'ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE', 'COUNTY_DEPARTMENT');
}

export function requireStaff(identity: Identity): void {
  requireSignedIn(identity);
  if (!isStaff(identity)) throw errors.forbidden('Only court and division staff can see this');
}

/** Whether the caller may see a party's personal data in full: its own record, or its home division in scope. */
export function partyInScope(identity: Identity, party: Pick<PartyEntity, 'id' | 'homeDivisionCode'>): boolean {
  if (hasRole(identity, 'PARTY') && identity.partyId === party.id) return true;
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && !hasRole(identity, 'ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE')) return false;
  return canSeeDivision(identity, party.homeDivisionCode);
}

/**
 * Who may read a party at all: staff (personal data masked outside their scope) and the party
 * itself. Partners see only partnerCreditStatus; anonymous callers only the board.
 */
export async function canReadParty(identity: Identity, party: Pick<PartyEntity, 'id' | 'homeDivisionCode'>, loaders: Pick<Loaders, 'caseDivisionsOfParty'>): Promise<boolean> {
  if (hasRole(identity, 'ADMIN', 'JUDGE', 'COUNTY_DEPARTMENT')) return true;
  if (hasRole(identity, 'PARTY') && identity.partyId === party.id) return true;
  if (!hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE')) return false;
  // Division staff see the parties homed in their division and the parties of the cases homed there.
  if (canSeeDivision(identity, party.homeDivisionCode)) return true;
  return (await loaders.caseDivisionsOfParty.load(party.id)).some((c) => canSeeDivision(identity, c.code));
}

/** Refuses a party the caller may not see, on every path (by id, by number, by entity reference). */
export async function requireReadParty(identity: Identity, party: Pick<PartyEntity, 'id' | 'homeDivisionCode'>, loaders: Pick<Loaders, 'caseDivisionsOfParty'>): Promise<void> {
  requireSignedIn(identity);
  if (!(await canReadParty(identity, party, loaders))) throw errors.forbidden('This party is outside your scope');
}

/** Court users who decide on listings and profiles. */
export function requireCourt(identity: Identity): void {
  requireSignedIn(identity);
  if (!hasRole(identity, 'ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER')) throw errors.forbidden('Only the court decides on listings and capacity profiles');
}

/** Court and division staff, who work cases: not county departments, partners or parties. */
export function isCaseStaff(identity: Identity): boolean {
  return hasRole(identity, 'ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
}

/** A listing is seen by case staff of its division and by the listed party itself. */
export function canSeeListing(identity: Identity, l: Pick<DishonestListingEntity, 'partyId' | 'villageCode' | 'townshipCode'>): boolean {
  if (hasRole(identity, 'PARTY') && identity.partyId === l.partyId) return true;
  return isCaseStaff(identity) && canSeeDivision(identity, l.villageCode ?? l.townshipCode);
}
