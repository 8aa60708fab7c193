import { hasRole, type Identity } from '@zhiyuan/auth';
import {
  canSeeDivision,
  errors,
  escapeLike,
  isUuid,
  requireDivision,
  requireRole,
  requireSignedIn,
} from '@zhiyuan/kernel';
import type {
  CaseProjectionEntity,
  CreditLinkChangeEntity,
  DishonestListingEntity,
  PartyEntity,
  StaffEntity,
} from './entities';

/**
 * Who may see or do what in this service: its rows of the access matrix (docs/people-credit.md),
 * every check the commands and queries make, and the SQL filters that keep lists in scope.
 * Anonymous callers reach only the exposure board, which is public; everything else needs a
 * signed-in identity.
 */

export { requireSignedIn };

/** Staff of the court and of the three levels: everyone except parties and partners. */
export function isStaff(identity: Identity): boolean {
  return hasRole(
    identity,
    'ADMIN',
    'JUDGE',
    'ENFORCEMENT_OFFICER',
    'TOWNSHIP_LIAISON',
    'VILLAGE_CADRE',
    'COUNTY_DEPARTMENT',
  );
}

export function requireStaff(identity: Identity): void {
  requireSignedIn(identity);
  if (!isStaff(identity)) throw errors.forbidden('Only court and division staff can see this');
}

/** Court and division staff, who work cases: not county departments, partners or parties. */
export function isCaseStaff(identity: Identity): boolean {
  return hasRole(identity, 'ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
}

type PartyRef = Pick<PartyEntity, 'id' | 'homeDivisionCode'>;

/** The cases a party is in, as the policy needs them (the `casesOfParty` loader of a request). */
export interface PartyCases {
  casesOfParty: { load(partyId: string): Promise<{ code: string | null; judgeId: string | null }[]> };
}

/** The departments with an open task about a party (the `departmentsOfParty` loader of a request). */
export interface PartyTasks {
  departmentsOfParty: { load(partyId: string): Promise<{ department: string }[]> };
}

/** A county department (not also division staff or the court) reads what its tasks are about. */
function isDepartmentOnly(identity: Identity): boolean {
  return hasRole(identity, 'COUNTY_DEPARTMENT') && !isCaseStaff(identity);
}

/** Whether a county department caller has an open task about the party (docs/people-credit.md). */
async function departmentHasTaskAbout(identity: Identity, party: PartyRef, tasks: PartyTasks): Promise<boolean> {
  if (!hasRole(identity, 'COUNTY_DEPARTMENT') || !identity.department) return false;
  return (await tasks.departmentsOfParty.load(party.id)).some((t) => t.department === identity.department);
}

/** Division staff (not county-wide roles): they see what is homed in their division. */
function divisionStaffSees(identity: Identity, code: string | null): boolean {
  if (!code || !identity.divisionCode) return false;
  return (
    hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE') &&
    code.startsWith(identity.divisionCode)
  );
}

/** Whether the caller is the judge of a case the party is in (from the case projection). */
async function presidesCaseOf(identity: Identity, party: PartyRef, cases: PartyCases): Promise<boolean> {
  if (!hasRole(identity, 'JUDGE')) return false;
  const sub = identity.sub.toLowerCase();
  return (await cases.casesOfParty.load(party.id)).some((c) => c.judgeId === sub);
}

/**
 * Whether the caller may see a party's personal data and credit standing in full: its own record,
 * a party of a case the caller judges, or a party homed in the division of division staff.
 */
export async function partyInScope(identity: Identity, party: PartyRef, cases: PartyCases): Promise<boolean> {
  if (hasRole(identity, 'ADMIN')) return true;
  if (hasRole(identity, 'PARTY') && identity.partyId === party.id) return true;
  if (divisionStaffSees(identity, party.homeDivisionCode)) return true;
  return presidesCaseOf(identity, party, cases);
}

/**
 * Who may read a party at all: staff (personal data masked outside their scope) and the party
 * itself. Judges work across the county (listings, intake by ID number), so they read any party,
 * masked unless it is in one of their cases. A county department reads, masked, exactly the parties
 * of the open tasks assigned to it (the task's obligor, and the obligors and obligees of its case),
 * from the projection of department tasks. Partners see only partnerCreditStatus; anonymous callers
 * only the board.
 */
export async function canReadParty(
  identity: Identity,
  party: PartyRef,
  cases: PartyCases & PartyTasks,
): Promise<boolean> {
  if (hasRole(identity, 'ADMIN', 'JUDGE')) return true;
  if (hasRole(identity, 'PARTY') && identity.partyId === party.id) return true;
  if (await departmentHasTaskAbout(identity, party, cases)) return true;
  if (!hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE')) return false;
  // Division staff see the parties homed in their division and the parties of the cases homed there.
  if (divisionStaffSees(identity, party.homeDivisionCode)) return true;
  return (await cases.casesOfParty.load(party.id)).some((c) => divisionStaffSees(identity, c.code));
}

/** Refuses a party the caller may not see, on every path (by id, by number, by entity reference). */
export async function requireReadParty(
  identity: Identity,
  party: PartyRef,
  cases: PartyCases & PartyTasks,
): Promise<void> {
  requireSignedIn(identity);
  if (!(await canReadParty(identity, party, cases))) throw errors.forbidden('This party is outside your scope');
}

/**
 * `me` is the view of a party token: role PARTY with the party it is bound to, and only its own
 * (a reference to another party's `Me` is refused).
 */
export function requireOwnMe(identity: Identity, partyId?: string): string {
  requireSignedIn(identity);
  if (!hasRole(identity, 'PARTY') || !identity.partyId)
    throw errors.forbidden('Only a signed-in party has a "me": sign in with your phone');
  if (partyId !== undefined && partyId !== identity.partyId) throw errors.forbidden('This is not you');
  return identity.partyId;
}

/**
 * A case's party view is for a party of the case only (an obligor or obligee there): staff read the
 * case's obligors and obligees instead. Returns the caller's party.
 */
export function requirePartyOfCase(
  identity: Identity,
  c: Pick<CaseProjectionEntity, 'obligorIds' | 'obligeeIds'> | null,
): string {
  requireSignedIn(identity);
  const me = identity.partyId;
  if (!hasRole(identity, 'PARTY') || !me) throw errors.forbidden('Only a party of the case has a party view');
  if (!c || !(c.obligorIds.includes(me) || c.obligeeIds.includes(me)))
    throw errors.forbidden('This case is outside your scope');
  return me;
}

/** Looking a party up by its number is intake work of staff. */
export const requireMayLookUpPartyByNumber = requireStaff;

/** Party records are kept by the court and by township and village staff for their own divisions. */
export function requirePartyWriter(identity: Identity, homeDivisionCode: string): void {
  requireRole(identity, 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
  requireDivision(identity, homeDivisionCode);
}

/**
 * Who may change an existing party's record: division staff within their divisions; a judge only
 * the parties (obligors and obligees) of the cases they judge, as the case projection knows them.
 */
export async function requireMayUpdateParty(identity: Identity, party: PartyRef, cases: PartyCases): Promise<void> {
  requireRole(identity, 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
  if (hasRole(identity, 'ADMIN') || divisionStaffSees(identity, party.homeDivisionCode)) return;
  if (!(await presidesCaseOf(identity, party, cases)))
    throw errors.forbidden('This party is outside your scope: a judge changes the parties of the cases they judge');
}

/** Staff accounts are kept by administrators. */
export function requireStaffAdmin(identity: Identity): void {
  requireRole(identity, 'ADMIN');
}

/** Lists of staff are for staff. */
export const requireMayListStaff = requireStaff;

/** A staff member's phone in full for the court, the member itself and staff of the member's division; masked otherwise. */
export function staffPhoneInScope(identity: Identity, s: Pick<StaffEntity, 'id' | 'divisionCode'>): boolean {
  return (
    hasRole(identity, 'ADMIN', 'JUDGE') ||
    identity.sub === s.id ||
    (!!s.divisionCode && canSeeDivision(identity, s.divisionCode))
  );
}

/** A judge (or an admin) overrides a capacity profile. */
export function requireMayOverrideProfile(identity: Identity): void {
  requireRole(identity, 'JUDGE');
}

/** A judge overrides the profile of a party of the cases they judge only; an admin any. */
export async function requireMayOverrideProfileOf(
  identity: Identity,
  party: PartyRef,
  cases: PartyCases,
): Promise<void> {
  requireMayOverrideProfile(identity);
  if (hasRole(identity, 'ADMIN')) return;
  if (!(await presidesCaseOf(identity, party, cases)))
    throw errors.forbidden(
      'This party is outside your scope: a judge overrides the profiles of the parties of the cases they judge',
    );
}

/** Court users who decide on listings and profiles. */
export function requireCourt(identity: Identity): void {
  requireSignedIn(identity);
  if (!hasRole(identity, 'ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER'))
    throw errors.forbidden('Only the court decides on listings and capacity profiles');
}

/** An enforcement officer lists only obligors homed in their township; judges and admins any. */
export function requireMayListParty(identity: Identity, party: Pick<PartyEntity, 'homeDivisionCode'>): void {
  if (!hasRole(identity, 'ADMIN', 'JUDGE')) requireDivision(identity, party.homeDivisionCode);
}

type ListingScope = Pick<DishonestListingEntity, 'partyId' | 'villageCode' | 'townshipCode'>;

/** A listing is changed (extended, removed) only within the caller's divisions. */
export function requireListingInScope(
  identity: Identity,
  l: Pick<DishonestListingEntity, 'villageCode' | 'townshipCode'>,
): void {
  if (!canSeeDivision(identity, l.villageCode ?? l.townshipCode))
    throw errors.forbidden('This listing is outside your scope');
}

/** A listing is seen by case staff of its division and by the listed party itself. */
export function canSeeListing(identity: Identity, l: ListingScope): boolean {
  if (hasRole(identity, 'PARTY') && identity.partyId === l.partyId) return true;
  return isCaseStaff(identity) && canSeeDivision(identity, l.villageCode ?? l.townshipCode);
}

export function requireSeeListing(identity: Identity, l: ListingScope): void {
  if (!canSeeListing(identity, l)) throw errors.forbidden('This listing is outside your scope');
}

/**
 * The division prefix a list of parties or listings is limited to: none for county-wide roles, the
 * caller's own division for township and village staff; a requested division outside it is refused.
 */
export function listScope(identity: Identity, requested: string | null | undefined): string | null {
  requireStaff(identity);
  if (!isCaseStaff(identity)) throw errors.forbidden('Only court and division staff can list parties and listings');
  if (requested) {
    if (!canSeeDivision(identity, requested)) throw errors.forbidden('This division is outside your scope');
    return requested;
  }
  if (hasRole(identity, 'ADMIN', 'JUDGE')) return null;
  if (!identity.divisionCode || hasRole(identity, 'COUNTY_DEPARTMENT'))
    throw errors.forbidden('This list needs a division in your scope');
  return identity.divisionCode;
}

/** A condition a list query adds to its WHERE clause, with its named parameters. */
export interface SqlFilter {
  where: string;
  params?: Record<string, unknown>;
}

/**
 * The filters of `parties` (alias `p` for people.party): the caller's division scope and, for a
 * judge, only the parties of the cases they judge (division staff and admins are scoped by division);
 * for a county department, only the parties of its open tasks (within the division it names, if any).
 */
export function partyListFilters(identity: Identity, requested: string | null | undefined): SqlFilter[] {
  if (isDepartmentOnly(identity)) return departmentPartyFilters(identity, requested);
  const scope = listScope(identity, requested);
  const filters: SqlFilter[] = [];
  if (scope)
    filters.push({ where: "p.home_division_code LIKE :scope ESCAPE '\\'", params: { scope: `${escapeLike(scope)}%` } });
  const judgeOnly =
    hasRole(identity, 'JUDGE') &&
    !hasRole(identity, 'ADMIN', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
  if (judgeOnly) {
    const judge = identity.sub.toLowerCase();
    filters.push(
      isUuid(judge)
        ? {
            where:
              'p.id IN (SELECT unnest(c.obligor_ids || c.obligee_ids) FROM people.case_projection c WHERE c.judge_id = :judge)',
            params: { judge },
          }
        : { where: 'FALSE' },
    );
  }
  return filters;
}

/**
 * The parties of a county department's open tasks, in one condition: the tasks' obligors and the
 * obligors and obligees of the tasks' cases (as the case projection knows them).
 */
function departmentPartyFilters(identity: Identity, requested: string | null | undefined): SqlFilter[] {
  if (!identity.department) throw errors.forbidden('This list needs the department your tasks are assigned to');
  if (requested && !canSeeDivision(identity, requested)) throw errors.forbidden('This division is outside your scope');
  const filters: SqlFilter[] = [
    {
      where: `p.id IN (SELECT t.obligor_id FROM people.department_task t WHERE t.department = :department AND t.status = 'OPEN'
        UNION SELECT unnest(c.obligor_ids || c.obligee_ids) FROM people.department_task t
          JOIN people.case_projection c ON c.case_id = t.case_id WHERE t.department = :department AND t.status = 'OPEN')`,
      params: { department: identity.department },
    },
  ];
  if (requested)
    filters.push({
      where: "p.home_division_code LIKE :scope ESCAPE '\\'",
      params: { scope: `${escapeLike(requested)}%` },
    });
  return filters;
}

/** The filters of `listings` (alias `l` for people.dishonest_listing): the caller's division scope. */
export function listingListFilters(identity: Identity, requested: string | null | undefined): SqlFilter[] {
  const scope = listScope(identity, requested);
  return scope
    ? [
        {
          where: "coalesce(l.village_code, l.township_code) LIKE :scope ESCAPE '\\'",
          params: { scope: `${escapeLike(scope)}%` },
        },
      ]
    : [];
}

/**
 * The partner department whose credit links the caller may read: the court any (or all, with none
 * named), a partner its own only.
 */
export function requirePartnerDepartment(identity: Identity, department: string | null | undefined): string | null {
  requireSignedIn(identity);
  if (hasRole(identity, 'ADMIN', 'JUDGE')) return department ?? null;
  if (!hasRole(identity, 'PARTNER') || !identity.department)
    throw errors.forbidden('Only a partner department account or the court can see credit links');
  if (department && department !== identity.department)
    throw errors.forbidden('A partner sees its own department only');
  return identity.department;
}

/** A change is acknowledged by its own partner department (or an admin). */
export function requireMayAcknowledge(identity: Identity, change: Pick<CreditLinkChangeEntity, 'department'>): void {
  const own = hasRole(identity, 'PARTNER') && identity.department === change.department;
  if (!own && !hasRole(identity, 'ADMIN'))
    throw errors.forbidden('Only the partner department of this change can acknowledge it');
}

/** Partner webhooks (their URLs, secrets and deliveries) are kept by administrators. */
export function requireWebhookAdmin(identity: Identity): void {
  requireRole(identity, 'ADMIN');
}
