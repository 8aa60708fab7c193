import { hasRole, type Identity } from '@zhiyuan/auth';
import { errors } from '@zhiyuan/server';
import type { Context } from '../context';
import type { CaseRefEntity, TaskEntity } from '../entities';

/**
 * The access matrix of the tasks subgraph (docs/tasks.md). Admins see everything; a judge sees the
 * tasks, threads and notices of the cases they preside (the judge of a case comes from the case
 * projection) and, like admins, the county's meetings and parties; township and village staff see
 * what is homed in their division or under it; a county department sees the tasks assigned to it; a
 * party sees its own cases' thread and notices.
 */
const DIVISION_STAFF = ['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE'] as const;

/** County-wide readers of meetings and party data (not of case work: a judge sees only their cases). */
export function isCountyWide(identity: Identity): boolean {
  return hasRole(identity, 'ADMIN', 'JUDGE');
}

export function isAdmin(identity: Identity): boolean {
  return hasRole(identity, 'ADMIN');
}

export function isJudge(identity: Identity): boolean {
  return hasRole(identity, 'JUDGE');
}

export function isDivisionStaff(identity: Identity): boolean {
  return hasRole(identity, ...DIVISION_STAFF);
}

/** Whether the caller presides the case whose judge (from the projection) is `caseJudgeId`. */
export function judgesCase(identity: Identity, caseJudgeId: string | null | undefined): boolean {
  return isJudge(identity) && !!caseJudgeId && caseJudgeId === identity.sub;
}

/**
 * Division staff whose own division holds `divisionCode` (codes nest by prefix). Not the shared
 * `canSeeDivision`: that answers yes for every judge, and a judge's scope here is their cases.
 */
export function staffOfDivision(identity: Identity, divisionCode: string | null | undefined): boolean {
  return isDivisionStaff(identity) && !!identity.divisionCode && !!divisionCode && divisionCode.startsWith(identity.divisionCode);
}

/** `caseJudgeId`: the judge of the task's case, when the caller is a judge (null otherwise is fine). */
export function canSeeTask(identity: Identity, task: TaskEntity, caseJudgeId: string | null | undefined): boolean {
  if (isAdmin(identity)) return true;
  if (task.assigneeId && task.assigneeId === identity.sub) return true;
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && task.assigneeDepartment && task.assigneeDepartment === identity.department) return true;
  if (judgesCase(identity, caseJudgeId)) return true;
  return staffOfDivision(identity, task.divisionCode);
}

/** Whether the caller sees a task; the case projection is read (through the loader) only for judges. */
export async function taskVisible(ctx: Context, task: TaskEntity): Promise<boolean> {
  const judgeId = isJudge(ctx.identity) && task.caseId ? (await ctx.loaders.caseRef.load(task.caseId))?.judgeId : null;
  return canSeeTask(ctx.identity, task, judgeId);
}

/** Starting, completing and filing forms on a task: its holder, division staff in scope, admins. */
export function canWorkTask(identity: Identity, task: TaskEntity): boolean {
  if (isAdmin(identity)) return true;
  if (task.assigneeId && task.assigneeId === identity.sub) return true;
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && task.assigneeDepartment && task.assigneeDepartment === identity.department) return true;
  return staffOfDivision(identity, task.divisionCode);
}

/** Opening, assigning and cancelling tasks: admins, the judge of the case, officers and liaisons in scope. */
export function canManageTasksIn(identity: Identity, divisionCode: string, caseJudgeId: string | null | undefined): boolean {
  if (isAdmin(identity)) return true;
  if (judgesCase(identity, caseJudgeId)) return true;
  return hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON') && staffOfDivision(identity, divisionCode);
}

/** A case's work (tasks, thread, ledger) as staff: admins, its judge, division staff of its home division. */
export function canSeeCaseAsStaff(identity: Identity, c: CaseRefEntity | null): boolean {
  if (isAdmin(identity)) return true;
  if (!c) return false;
  if (judgesCase(identity, c.judgeId)) return true;
  return staffOfDivision(identity, c.villageCode ?? c.townshipCode);
}

/** A case: staff who work it (above), and its own parties. */
export function canSeeCase(identity: Identity, c: CaseRefEntity | null, partyIds: string[]): boolean {
  if (canSeeCaseAsStaff(identity, c)) return true;
  return !!c && hasRole(identity, 'PARTY') && !!identity.partyId && partyIds.includes(identity.partyId);
}

/** Personal data of a party homed in a division: county-wide roles, division staff in scope, the party. */
export function canSeePartyData(identity: Identity, partyId: string, homeDivisionCode: string | null | undefined): boolean {
  if (isCountyWide(identity)) return true;
  if (identity.partyId && identity.partyId === partyId && hasRole(identity, 'PARTY')) return true;
  return staffOfDivision(identity, homeDivisionCode);
}

export function requireSignedIn(identity: Identity): void {
  if (identity.roles.length === 0) throw errors.forbidden('Sign in to do this');
}

export function deny(message = 'This is outside your scope'): never {
  throw errors.forbidden(message);
}
