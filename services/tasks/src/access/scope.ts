import { hasRole, type Identity } from '@zhiyuan/auth';
import { canSeeDivision, errors } from '@zhiyuan/server';
import type { CaseRefEntity, TaskEntity } from '../entities';

/**
 * The access matrix of the tasks subgraph (docs/tasks.md). County-wide roles (ADMIN, JUDGE) see
 * everything; township and village staff see what is homed in their division or under it; a county
 * department sees the tasks assigned to it; a party sees its own cases' thread and notices.
 */
const DIVISION_STAFF = ['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE'] as const;

export function isCountyWide(identity: Identity): boolean {
  return hasRole(identity, 'ADMIN', 'JUDGE');
}

export function isDivisionStaff(identity: Identity): boolean {
  return hasRole(identity, ...DIVISION_STAFF);
}

export function canSeeTask(identity: Identity, task: TaskEntity): boolean {
  if (isCountyWide(identity)) return true;
  if (task.assigneeId && task.assigneeId === identity.sub) return true;
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && task.assigneeDepartment && task.assigneeDepartment === identity.department) return true;
  return isDivisionStaff(identity) && canSeeDivision(identity, task.divisionCode);
}

/** Starting, completing and filing forms on a task: its holder, division staff in scope, admins. */
export function canWorkTask(identity: Identity, task: TaskEntity): boolean {
  if (hasRole(identity, 'ADMIN')) return true;
  if (task.assigneeId && task.assigneeId === identity.sub) return true;
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && task.assigneeDepartment && task.assigneeDepartment === identity.department) return true;
  return isDivisionStaff(identity) && canSeeDivision(identity, task.divisionCode);
}

/** Opening, assigning and cancelling tasks: judges, officers and liaisons in scope, admins. */
export function canManageTasksIn(identity: Identity, divisionCode: string): boolean {
  if (isCountyWide(identity)) return true;
  return hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON') && canSeeDivision(identity, divisionCode);
}

/** A case: county-wide roles, division staff of its home division, and its own parties. */
export function canSeeCase(identity: Identity, c: CaseRefEntity | null, partyIds: string[]): boolean {
  if (isCountyWide(identity)) return true;
  if (!c) return false;
  if (isDivisionStaff(identity) && canSeeDivision(identity, c.villageCode ?? c.townshipCode)) return true;
  return hasRole(identity, 'PARTY') && !!identity.partyId && partyIds.includes(identity.partyId);
}

/** Personal data of a party homed in a division: county-wide roles, division staff in scope, the party. */
export function canSeePartyData(identity: Identity, partyId: string, homeDivisionCode: string | null | undefined): boolean {
  if (isCountyWide(identity)) return true;
  if (identity.partyId && identity.partyId === partyId && hasRole(identity, 'PARTY')) return true;
  return isDivisionStaff(identity) && canSeeDivision(identity, homeDivisionCode);
}

export function requireSignedIn(identity: Identity): void {
  if (identity.roles.length === 0) throw errors.forbidden('Sign in to do this');
}

export function deny(message = 'This is outside your scope'): never {
  throw errors.forbidden(message);
}
