import type { TaskLevel, TaskType } from '../entities';

/**
 * Which assistance tasks open automatically, and for whom. This is the one place to read (and
 * change) them; the handlers only carry them out.
 *
 * | when                      | task            | level   | assigned to                     | due     |
 * | ------------------------- | --------------- | ------- | ------------------------------- | ------- |
 * | urging started            | FOLLOW_UP_CALL  | village | village secretary of the village| 3 days  |
 * | enforcement case filed    | LOCATE_PERSON   | village | village secretary               | 15 days |
 * | enforcement case filed    | FIND_ASSETS     | village | village secretary               | 15 days |
 * | enforcement case filed, documents to serve | SERVE_DOCUMENT | village | village secretary | 7 days |
 * | an instalment was missed  | INTERVIEW       | village | village secretary               | 7 days  |
 * | a second instalment of one plan missed | MEDIATE | village | village secretary (mediation) | 10 days |
 * | the rights holder declined an obligor's proposal | MEDIATE | village | village secretary | 10 days |
 *
 * One task per obligor. When the case has no village (an organization registered at township
 * level), the task goes to the township and its liaison instead.
 */
export interface TaskRule {
  /** Stable name; part of the idempotency key, never rename. */
  name: string;
  on: RuleEvent;
  type: TaskType;
  title: string;
  dueInDays: number;
  /** Staff role that gets the task in the division (the first active one found). */
  assignToRole: StaffRole;
  applies?: (facts: RuleFacts) => boolean;
  /** What makes one occurrence of this rule on a case (default: the facts' `occurrence`). */
  occurrenceOf?: (facts: RuleFacts) => string | undefined;
}

export type RuleEvent =
  'cases.urging.started' | 'cases.enforcement.filed' | 'cases.instalment.missed' | 'tasks.proposal.answered';

/** Missed instalments of one plan after which the village mediates rather than only interviews. */
export const MEDIATE_AFTER_MISSED_INSTALMENTS = 2;
export type StaffRole = 'VILLAGE_SECRETARY' | 'TOWNSHIP_LIAISON';

export const TASK_RULES: TaskRule[] = [
  {
    name: 'follow-up-call-after-urging',
    on: 'cases.urging.started',
    type: 'FOLLOW_UP_CALL',
    title: '执前督促电话回访',
    dueInDays: 3,
    assignToRole: 'VILLAGE_SECRETARY',
  },
  {
    name: 'locate-person-on-filing',
    on: 'cases.enforcement.filed',
    type: 'LOCATE_PERSON',
    title: '查找被执行人下落',
    dueInDays: 15,
    assignToRole: 'VILLAGE_SECRETARY',
  },
  {
    name: 'find-assets-on-filing',
    on: 'cases.enforcement.filed',
    type: 'FIND_ASSETS',
    title: '查找被执行人财产',
    dueInDays: 15,
    assignToRole: 'VILLAGE_SECRETARY',
  },
  {
    name: 'serve-documents-on-filing',
    on: 'cases.enforcement.filed',
    type: 'SERVE_DOCUMENT',
    title: '协助送达执行文书',
    dueInDays: 7,
    assignToRole: 'VILLAGE_SECRETARY',
    applies: (p) => p.needsService === true,
  },
  {
    name: 'interview-on-missed-instalment',
    on: 'cases.instalment.missed',
    type: 'INTERVIEW',
    title: '约谈督促履行分期',
    dueInDays: 7,
    assignToRole: 'VILLAGE_SECRETARY',
  },
  {
    name: 'mediate-after-missed-instalments',
    on: 'cases.instalment.missed',
    type: 'MEDIATE',
    title: '分期履行多次未按期，组织调解',
    dueInDays: 10,
    assignToRole: 'VILLAGE_SECRETARY',
    applies: (p) => (p.missedInstalments ?? 0) >= MEDIATE_AFTER_MISSED_INSTALMENTS,
    // Once per plan, however many more instalments it misses.
    occurrenceOf: (p) => p.planId,
  },
  {
    name: 'mediate-when-proposal-is-declined',
    on: 'tasks.proposal.answered',
    type: 'MEDIATE',
    title: '申请执行人不同意履行方案，组织调解',
    dueInDays: 10,
    assignToRole: 'VILLAGE_SECRETARY',
    applies: (p) => p.declined === true,
  },
];

/** Days a task of a type is given, overriding the rule table's `dueInDays` (TASK_SLA_DAYS). */
export type SlaDays = Readonly<Partial<Record<TaskType, number>>>;

export interface PlannedTask {
  ruleKey: string;
  type: TaskType;
  title: string;
  level: TaskLevel;
  divisionCode: string;
  obligorId: string;
  assignToRole: StaffRole;
  dueAt: Date;
}

/** What the rules look at in a case event. */
export interface RuleFacts {
  caseId: string;
  obligorIds: string[];
  villageCode: string | null;
  townshipCode: string | null;
  needsService?: boolean;
  /** Distinguishes repeated occurrences on one case (e.g. which instalment was missed). */
  occurrence?: string;
  /** A missed instalment: its plan, and how many instalments of the plan are missed with it. */
  planId?: string;
  missedInstalments?: number;
  /** A proposal answered: whether the rights holder declined it. */
  declined?: boolean;
}

/** The tasks an event opens: one per applicable rule and obligor. Pure, so it is unit tested. */
export function planTasks(event: RuleEvent, payload: RuleFacts, from: Date, sla: SlaDays = {}): PlannedTask[] {
  const division = payload.villageCode
    ? { level: 'VILLAGE' as const, code: payload.villageCode }
    : payload.townshipCode
      ? { level: 'TOWNSHIP' as const, code: payload.townshipCode }
      : null;
  if (!division) return [];
  const planned: PlannedTask[] = [];
  for (const rule of TASK_RULES) {
    if (rule.on !== event) continue;
    if (rule.applies && !rule.applies(payload)) continue;
    const occurrence = rule.occurrenceOf ? rule.occurrenceOf(payload) : payload.occurrence;
    for (const obligorId of payload.obligorIds) {
      planned.push({
        ruleKey: `${payload.caseId}:${rule.name}:${obligorId}${occurrence ? `:${occurrence}` : ''}`,
        type: rule.type,
        title: rule.title,
        level: division.level,
        divisionCode: division.code,
        obligorId,
        assignToRole: division.level === 'VILLAGE' ? rule.assignToRole : 'TOWNSHIP_LIAISON',
        dueAt: new Date(from.getTime() + (sla[rule.type] ?? rule.dueInDays) * DAY_MS),
      });
    }
  }
  return planned;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Where an overdue task escalates: village → township, township → county, county stays county. */
export function escalationTarget(level: TaskLevel): TaskLevel {
  return level === 'VILLAGE' ? 'TOWNSHIP' : 'COUNTY';
}
