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

type PartyRef = Pick<PartyEntity, 'id' | 'homeDivisionCode'>;
type PartyLoaders = Pick<Loaders, 'casesOfParty'>;

/** Division staff (not county-wide roles): they see what is homed in their division. */
function divisionStaffSees(identity: Identity, code: string | null): boolean {
  if (!code || !identity.divisionCode) return false;
  return hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE') && code.startsWith(identity.divisionCode);
}

/** Whether the caller is the judge of a case the party is in (from the case projection). */
async function presidesCaseOf(identity: Identity, party: PartyRef, loaders: PartyLoaders): Promise<boolean> {
  if (!hasRole(identity, 'JUDGE')) return false;
  const sub = identity.sub.toLowerCase();
  return (await loaders.casesOfParty.load(party.id)).some((c) => c.judgeId === sub);
}

/**
 * Whether the caller may see a party's personal data and credit standing in full: its own record,
 * a party of a case the caller judges, or a party homed in the division of division staff.
 */
export async function partyInScope(identity: Identity, party: PartyRef, loaders: PartyLoaders): Promise<boolean> {
  if (hasRole(identity, 'ADMIN')) return true;
  if (hasRole(identity, 'PARTY') && identity.partyId === party.id) return true;
  if (divisionStaffSees(identity, party.homeDivisionCode)) return true;
  return presidesCaseOf(identity, party, loaders);
}

/**
 * Who may read a party at all: staff (personal data masked outside their scope) and the party
 * itself. Judges and county departments work across the county (task lists, listings, intake by
 * ID number), so they read any party, masked unless in scope. Partners see only
 * partnerCreditStatus; anonymous callers only the board.
 */
export async function canReadParty(identity: Identity, party: PartyRef, loaders: PartyLoaders): Promise<boolean> {
  if (hasRole(identity, 'ADMIN', 'JUDGE', 'COUNTY_DEPARTMENT')) return true;
  if (hasRole(identity, 'PARTY') && identity.partyId === party.id) return true;
  if (!hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE')) return false;
  // Division staff see the parties homed in their division and the parties of the cases homed there.
  if (divisionStaffSees(identity, party.homeDivisionCode)) return true;
  return (await loaders.casesOfParty.load(party.id)).some((c) => divisionStaffSees(identity, c.code));
}

/** Refuses a party the caller may not see, on every path (by id, by number, by entity reference). */
export async function requireReadParty(identity: Identity, party: PartyRef, loaders: PartyLoaders): Promise<void> {
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
