import { hasRole, type Identity } from '@zhiyuan/auth';
import { errors, requireSignedIn } from '@zhiyuan/kernel';
import type { CaseRefEntity, NotificationEntity, TaskEntity } from './entities';

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
  return (
    isDivisionStaff(identity) &&
    !!identity.divisionCode &&
    !!divisionCode &&
    divisionCode.startsWith(identity.divisionCode)
  );
}

/** `caseJudgeId`: the judge of the task's case, when the caller is a judge (null otherwise is fine). */
export function canSeeTask(identity: Identity, task: TaskEntity, caseJudgeId: string | null | undefined): boolean {
  if (isAdmin(identity)) return true;
  if (task.assigneeId && task.assigneeId === identity.sub) return true;
  if (
    hasRole(identity, 'COUNTY_DEPARTMENT') &&
    task.assigneeDepartment &&
    task.assigneeDepartment === identity.department
  )
    return true;
  if (judgesCase(identity, caseJudgeId)) return true;
  return staffOfDivision(identity, task.divisionCode);
}

/** Whether the task's case judge is needed to decide `canSeeTask` (only a judge's scope depends on it). */
export function needsCaseJudge(identity: Identity): boolean {
  return isJudge(identity);
}

/** Starting, completing and filing forms on a task: its holder, division staff in scope, admins. */
export function canWorkTask(identity: Identity, task: TaskEntity): boolean {
  if (isAdmin(identity)) return true;
  if (task.assigneeId && task.assigneeId === identity.sub) return true;
  if (
    hasRole(identity, 'COUNTY_DEPARTMENT') &&
    task.assigneeDepartment &&
    task.assigneeDepartment === identity.department
  )
    return true;
  return staffOfDivision(identity, task.divisionCode);
}

/** Opening, assigning and cancelling tasks: admins, the judge of the case, officers and liaisons in scope. */
export function canManageTasksIn(
  identity: Identity,
  divisionCode: string,
  caseJudgeId: string | null | undefined,
): boolean {
  if (isAdmin(identity)) return true;
  if (judgesCase(identity, caseJudgeId)) return true;
  return hasRole(identity, 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON') && staffOfDivision(identity, divisionCode);
}

/** Before the case is read: who may try to open a task in a division (a judge, on the cases they preside, is known only later). */
export function requireMayOpenTasksIn(identity: Identity, divisionCode: string): void {
  if (!canManageTasksIn(identity, divisionCode, null) && !isJudge(identity))
    deny('You cannot open tasks in this division');
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

/** The notices of a case the caller sees: all of them for its staff, a party's own ones for a party. */
export function visibleNotifications(
  identity: Identity,
  c: CaseRefEntity | null,
  all: NotificationEntity[],
): NotificationEntity[] {
  if (isAdmin(identity) || canSeeCaseAsStaff(identity, c)) return all;
  const me = identity.partyId;
  return me && identity.roles.includes('PARTY') ? all.filter((n) => n.recipientPartyId === me) : [];
}

/** Personal data of a party homed in a division: county-wide roles, division staff in scope, the party. */
export function canSeePartyData(
  identity: Identity,
  partyId: string,
  homeDivisionCode: string | null | undefined,
): boolean {
  if (isCountyWide(identity)) return true;
  if (identity.partyId && identity.partyId === partyId && hasRole(identity, 'PARTY')) return true;
  return staffOfDivision(identity, homeDivisionCode);
}

/** Reading a party's personal data in full is logged, unless the party reads its own. */
export function isUnmaskedReadOfOther(identity: Identity, partyId: string): boolean {
  return identity.partyId !== partyId;
}

/**
 * How a party's data is decided without reading the party: county-wide roles see it (ALL); for a
 * party's plan and visit log (`staffOnly`), anyone but division staff sees nothing (NONE); otherwise
 * it depends on the party's home division (BY_HOME, then `canSeePartyData`).
 */
export function partyDataAccess(identity: Identity, staffOnly: boolean): 'ALL' | 'NONE' | 'BY_HOME' {
  if (isCountyWide(identity)) return 'ALL';
  if (staffOnly && !isDivisionStaff(identity)) return 'NONE';
  return 'BY_HOME';
}

/** Staff who keep obligor plans and visit logs: county-wide roles and division staff of the party's home division. */
export function keepsPartyLog(identity: Identity, homeDivisionCode: string | null | undefined): boolean {
  return isCountyWide(identity) || staffOfDivision(identity, homeDivisionCode);
}

export function requirePartyStaff(identity: Identity, homeDivisionCode: string): void {
  if (!keepsPartyLog(identity, homeDivisionCode)) deny();
}

/** A declaration is filed by the party itself or by staff of its home division (county-wide roles anywhere). */
export function requireMayFileDeclaration(
  identity: Identity,
  partyId: string,
  homeDivisionCode: string | null | undefined,
): void {
  if (!canSeePartyData(identity, partyId, homeDivisionCode))
    deny('You can file a declaration only for yourself or for a party of your division');
}

/** Whether an unknown party may still get a declaration (county-wide roles and the party itself; others learn nothing). */
export function mayFileForUnknownParty(identity: Identity, partyId: string): boolean {
  return isCountyWide(identity) || identity.partyId === partyId;
}

/** Meetings of a village: scheduling, outcomes, closing and cancelling by county-wide roles and its division staff. */
export function requireMeetingScope(identity: Identity, villageCode: string): void {
  requireSignedIn(identity);
  if (!(hasRole(identity, 'ADMIN', 'JUDGE') || staffOfDivision(identity, villageCode)))
    deny('This village is outside your division');
}

/** Meetings of a division: county-wide roles, and division staff for their division and below. */
export function requireDivisionScope(identity: Identity, code: string): void {
  requireSignedIn(identity);
  if (!(isCountyWide(identity) || staffOfDivision(identity, code))) deny('This division is outside your scope');
}

/** Delivery receipts come from the SMS gateway integration, which signs in as ADMIN. */
export function requireDeliveryReporter(identity: Identity): void {
  if (!hasRole(identity, 'ADMIN')) deny('Only the SMS gateway integration (ADMIN) records delivery receipts');
}

/** What restricts a task list: tasks of cases a judge presides, or assigned to a staff member or department. */
export interface TaskScope {
  assignedTo?: { staffId: string; department: string | null };
  /** Only tasks of cases this judge presides, or assigned to them personally. */
  judgeSub?: string;
}

/**
 * Which tasks under a division the caller may list: everything for admins and for division staff of
 * that division; for a judge, the tasks of the cases they preside; for a county department, the tasks
 * assigned to it. Null: nothing (the caller is refused).
 */
export function taskListScope(identity: Identity, divisionCode: string): TaskScope | null {
  if (isAdmin(identity) || staffOfDivision(identity, divisionCode)) return {};
  if (isJudge(identity)) return { judgeSub: identity.sub };
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && !isDivisionStaff(identity))
    return { assignedTo: { staffId: identity.sub, department: identity.department } };
  return null;
}

/** The caller's own tasks: assigned to them, or to their county department. */
export function myTaskScope(identity: Identity): NonNullable<TaskScope['assignedTo']> {
  return {
    staffId: identity.sub,
    department: identity.roles.includes('COUNTY_DEPARTMENT') ? identity.department : null,
  };
}

/**
 * Counts and open tasks under a division: everything for admins and its staff (null), a judge's
 * cases for a judge (their id); undefined when the caller sees none.
 */
export function divisionTaskJudge(identity: Identity, divisionCode: string): string | null | undefined {
  if (isAdmin(identity) || staffOfDivision(identity, divisionCode)) return null;
  return isJudge(identity) ? identity.sub : undefined;
}

/** Tasks assigned to a staff member (`:sub`) or to their county department (`:dept`, null for none), as SQL on a task aliased `t`. */
export const assignedToScopeSql =
  '(t.assignee_id::text = :sub OR (:dept::text IS NOT NULL AND t.assignee_department = :dept))';

/** Tasks of the cases a judge presides (from the case projection), or assigned to the judge: the SQL form of a judge's scope. */
export const judgeScopeSql = (param: string, alias = 't') =>
  `(${alias}.assignee_id::text = ${param} OR EXISTS (SELECT 1 FROM tasks.case_ref jc WHERE jc.case_id = ${alias}.case_id AND jc.judge_id::text = ${param}))`;

/** Coming forward (主动履行) on a case: a signed-in party that is one of its obligors. */
export function requireObligorParty(identity: Identity, parties: { partyId: string; role: string }[]): string {
  const me = identity.partyId;
  if (!hasRole(identity, 'PARTY') || !me || !parties.some((p) => p.partyId === me && p.role === 'OBLIGOR'))
    deny('Only an obligor of this case can come forward on it');
  return me;
}

/** Answering an obligor's proposal: a signed-in party that is a rights holder of the case. */
export function requireObligeeParty(identity: Identity, parties: { partyId: string; role: string }[]): string {
  const me = identity.partyId;
  if (!hasRole(identity, 'PARTY') || !me || !parties.some((p) => p.partyId === me && p.role === 'OBLIGEE'))
    deny('Only a rights holder of this case can answer the proposal');
  return me;
}

/** Deciding an obligor's proposal for the court: admins, the case's judge, enforcement officers of its township. */
export function canDecideProposal(identity: Identity, c: CaseRefEntity): boolean {
  if (isAdmin(identity) || judgesCase(identity, c.judgeId)) return true;
  return hasRole(identity, 'ENFORCEMENT_OFFICER') && staffOfDivision(identity, c.villageCode ?? c.townshipCode);
}

export function deny(message = 'This is outside your scope'): never {
  throw errors.forbidden(message);
}

/** What an attachment is attached to, as the access rules need it. */
export type AttachmentTarget =
  | { kind: 'TASK' | 'WHEREABOUTS_FEEDBACK'; task: TaskEntity; caseJudgeId: string | null | undefined }
  | { kind: 'MEETING'; villageCode: string }
  | { kind: 'PROPERTY_DECLARATION' | 'HOME_VISIT'; partyId: string; homeDivisionCode: string | null | undefined };

/**
 * Attaching a file changes the thing it is attached to, so it follows that thing's own rule: a task
 * (and the feedback form filed on it) by who may work the task; a meeting by who may record its
 * outcomes; a declaration by who may file one for the party; a home visit (its photos) by who keeps the
 * party's visit log.
 */
export function canAttachTo(identity: Identity, target: AttachmentTarget): boolean {
  switch (target.kind) {
    case 'TASK':
    case 'WHEREABOUTS_FEEDBACK':
      return canWorkTask(identity, target.task);
    case 'MEETING':
      return hasRole(identity, 'ADMIN', 'JUDGE') || staffOfDivision(identity, target.villageCode);
    case 'PROPERTY_DECLARATION':
      return canSeePartyData(identity, target.partyId, target.homeDivisionCode);
    case 'HOME_VISIT':
      return keepsPartyLog(identity, target.homeDivisionCode);
  }
}

/** Reading an attachment follows the reading rule of the thing it is attached to. */
export function canReadAttachmentsOf(identity: Identity, target: AttachmentTarget): boolean {
  switch (target.kind) {
    case 'TASK':
    case 'WHEREABOUTS_FEEDBACK':
      return canSeeTask(identity, target.task, target.caseJudgeId);
    case 'MEETING':
      return isCountyWide(identity) || staffOfDivision(identity, target.villageCode);
    case 'PROPERTY_DECLARATION':
      return canSeePartyData(identity, target.partyId, target.homeDivisionCode);
    case 'HOME_VISIT':
      return keepsPartyLog(identity, target.homeDivisionCode);
  }
}
