import type { Identity, Role } from '@zhiyuan/auth';
import { DomainError, isDivisionCode, isUuid, requireRole, requireSignedIn } from '@zhiyuan/kernel';
import type { CaseEntity } from './entities';

/**
 * Who sees which case (docs/cases.md has the matrix): ADMIN all; JUDGE the cases they preside;
 * ENFORCEMENT_OFFICER the cases of their township (and any assigned to them); TOWNSHIP_LIAISON
 * their township and its villages; VILLAGE_CADRE their village; PARTY their own cases as obligor or
 * obligee. COUNTY_DEPARTMENT and PARTNER see no case details; anonymous callers see nothing.
 */
const DIVISION_ROLES: Role[] = ['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE'];

/** Who may work a case: the judge presiding it, or the officer whose township it is in. */
export const CASE_WORKERS: Role[] = ['JUDGE', 'ENFORCEMENT_OFFICER'];
/** Who files an asset lead on a case terminated for this round: the village and township teams, and the court's staff. */
export const LEAD_REPORTERS: Role[] = ['VILLAGE_CADRE', 'TOWNSHIP_LIAISON', 'ENFORCEMENT_OFFICER', 'JUDGE'];
/** Who reads the re-search due list: the staff who work cases (parties see their own cases only). */
export const RESEARCH_READERS: Role[] = ['JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE'];
/** Who takes in judgments, starts urging and reassigns officers. */
export const JUDGES: Role[] = ['JUDGE'];

type CaseScopeFields = Pick<
  CaseEntity,
  'judgeId' | 'officerId' | 'villageCode' | 'townshipCode' | 'obligorIds' | 'obligeeIds'
>;

/** Anonymous callers learn nothing, not even whether a case exists. */
export function requireCaseReader(identity: Identity): void {
  requireSignedIn(identity, 'Sign in to see cases');
}

/** Taking in judgments (one or a batch) is for judges. */
export function requireJudge(identity: Identity): void {
  requireRole(identity, ...JUDGES);
}

/** Whether the caller, through one of `roles` (default: all of theirs), may see the case. */
export function canSeeCase(identity: Identity, c: CaseScopeFields, roles: readonly Role[] = identity.roles): boolean {
  const has = (r: Role) => identity.roles.includes(r) && roles.includes(r);
  if (identity.roles.includes('ADMIN')) return true;
  if (has('JUDGE') && c.judgeId !== null && c.judgeId === identity.sub) return true;
  if (has('ENFORCEMENT_OFFICER') && c.officerId !== null && c.officerId === identity.sub) return true;
  const div = identity.divisionCode;
  if (isDivisionCode(div) && DIVISION_ROLES.some(has)) {
    const home = c.villageCode ?? c.townshipCode;
    if (home && home.startsWith(div)) return true;
  }
  if (
    has('PARTY') &&
    identity.partyId &&
    (c.obligorIds.includes(identity.partyId) || c.obligeeIds.includes(identity.partyId))
  )
    return true;
  return false;
}

/** Refuses a case outside the caller's scope; with `roles`, the caller must also act through one of them. */
export function requireCaseAccess(identity: Identity, c: CaseScopeFields, roles?: Role[]): void {
  if (roles) requireRole(identity, ...roles);
  else requireCaseReader(identity);
  if (!canSeeCase(identity, c, roles)) throw new DomainError('FORBIDDEN', 'This case is outside your scope');
}

/** The same rule as SQL over alias `c`, for list queries; null means no restriction. */
export function caseScopeSql(identity: Identity): { sql: string; params: Record<string, unknown> } | null {
  if (identity.roles.includes('ADMIN')) return null;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const has = (r: Role) => identity.roles.includes(r);
  if (has('JUDGE') && isUuid(identity.sub)) {
    parts.push('c.judge_id = :scopeSub');
    params.scopeSub = identity.sub;
  }
  if (has('ENFORCEMENT_OFFICER') && isUuid(identity.sub)) {
    parts.push('c.officer_id = :scopeSub');
    params.scopeSub = identity.sub;
  }
  const div = identity.divisionCode;
  if (isDivisionCode(div) && DIVISION_ROLES.some(has)) {
    parts.push('coalesce(c.village_code, c.township_code) LIKE :scopeDiv');
    params.scopeDiv = `${div}%`;
  }
  if (has('PARTY') && identity.partyId && isUuid(identity.partyId)) {
    parts.push(
      '(c.obligor_ids @> CAST(ARRAY[:scopeParty] AS uuid[]) OR c.obligee_ids @> CAST(ARRAY[:scopeParty] AS uuid[]))',
    );
    params.scopeParty = identity.partyId;
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}

/** `Me` is a party token's own view: role PARTY with its party, and only that party's (never another's by reference). */
export function requireOwnMe(identity: Identity, partyId: string): void {
  requireSignedIn(identity, 'Sign in to see your cases');
  if (!identity.roles.includes('PARTY') || !identity.partyId)
    throw new DomainError('FORBIDDEN', 'Only a signed-in party has a "me": sign in with your phone');
  if (identity.partyId !== partyId) throw new DomainError('FORBIDDEN', 'This is not you');
}
