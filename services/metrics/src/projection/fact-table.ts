import { reopensCase, type EventEnvelope, type EventType } from '@zhiyuan/events';
import { routingOf } from '@zhiyuan/kernel';
import { dayIn, routingOfCode } from './settings';

/**
 * The projection as data: for every event type metrics consumes, the fact row it writes, the
 * columns it changes and how each merges with what the row already holds. One projector
 * (projector.ts) applies every entry alike: an upsert keyed by the fact's own id, so a repeated,
 * retried or late event never double counts; what the fact's rows contribute to the read models
 * (contributions.ts) before and after is then added as a difference.
 */

/**
 * How a column of an existing fact row takes the event's value:
 * - `insert`: written when the row is new, never changed afterwards;
 * - `fill`: only while still unknown (events before a case's close, in any order);
 * - `fill-empty`: an array, only while still empty;
 * - `set`: the event's value wins when it has one (the close is the final word on a case);
 * - `replace`: the event's value wins, even an empty one;
 * - `or`: once true, true;
 * - `max`: the later of the two;
 * - `follow`: a reroute: only on a case not yet closed, and only when newer than the last reroute applied.
 */
export type Merge = 'insert' | 'fill' | 'fill-empty' | 'set' | 'replace' | 'or' | 'max' | 'follow';

/** The fact tables: their key, the fact whose lock guards them, the rows as the contribution functions take them. */
export const FACT_TABLES = {
  case_fact: { id: 'case_id', fact: 'case', lockColumn: 'case_id', touch: 'updated_at' },
  listing_fact: { id: 'listing_id', fact: 'case', lockColumn: 'case_id', touch: null },
  payment_fact: { id: 'performance_id', fact: 'case', lockColumn: 'case_id', touch: null },
  task_fact: { id: 'task_id', fact: 'task', lockColumn: 'task_id', touch: null },
  meeting_fact: { id: 'meeting_id', fact: 'meeting', lockColumn: 'meeting_id', touch: null },
  proposal_fact: { id: 'proposal_id', fact: 'proposal', lockColumn: 'proposal_id', touch: null },
  // Partner changes move no figure: no fact lock; the columns carry types as they are written set-wise.
  partner_change_fact: { id: 'change_id', fact: 'partner', lockColumn: null, touch: null },
} as const;
export type FactTable = keyof typeof FACT_TABLES;

/** The column types of the fact written set-wise (one statement for the changes of a whole transaction). */
export const PARTNER_COLUMN_TYPES: Record<string, string> = {
  change_id: 'uuid',
  department: 'text',
  changed_at: 'timestamptz',
  acknowledged_at: 'timestamptz',
  overdue: 'boolean',
};

type Payload<T extends EventType> = EventEnvelope<T>['payload'];
type Values = Record<string, unknown>;

export interface FactEntry<T extends EventType = EventType> {
  /** The subject the handler consumes (a wildcard for events published under sub-subjects). */
  subject: string;
  /** The durable consumer of this entry; names the rule it carries out. */
  consumer: string;
  /** The rule, in a sentence. */
  rule: string;
  table: FactTable;
  /** The columns the event changes and their merge rule (the table's id is always written). */
  merge: Record<string, Merge>;
  /** The row(s) the event writes: the id column and every column of `merge`; none when the event moves no fact. */
  rows: (p: Payload<T>, timeZone: string) => Values[];
  /** The rows of a transaction's events go together into one statement, each id once with its first values. */
  batched?: boolean;
}

const one = (v: Values): Values[] => [v];
const routing = (villageCode: string | null | undefined, townshipCode: string | null | undefined) => {
  const r = routingOf(villageCode, townshipCode);
  return { county_code: r.county, township_code: r.township, village_code: r.village };
};
/** A task counts for the division it was opened at and the divisions above it. */
const routingOfTask = (code: string) => {
  const r = routingOfCode(code);
  return { county_code: r.county, township_code: r.township, village_code: r.village };
};
const ROUTING = (m: Merge) => ({ county_code: m, township_code: m, village_code: m });
const TASK_KEYS = {
  case_id: 'insert',
  type: 'insert',
  level: 'insert',
  division_code: 'insert',
  ...ROUTING('insert'),
} as const;
const taskKeys = (
  p: Payload<'tasks.task.created'> | Payload<'tasks.task.completed'> | Payload<'tasks.task.overdue'>,
) => ({
  task_id: p.taskId,
  case_id: p.caseId,
  type: p.type,
  level: p.level,
  division_code: p.divisionCode,
  ...routingOfTask(p.divisionCode),
});

/** A proposal accepted as a grace period, a settlement or an instalment plan (the report's 672 of 703). */
const relieves = (p: Payload<'tasks.proposal.decided'>) => p.decision === 'ACCEPT' && p.intent !== 'PAY_NOW';
const PROPOSAL_KEYS = {
  case_id: 'insert',
  obligor_id: 'insert',
  intent: 'insert',
  ...ROUTING('fill'),
} as const;
const proposalKeys = (p: Payload<'tasks.proposal.submitted'> | Payload<'tasks.proposal.decided'>) => ({
  proposal_id: p.proposalId,
  case_id: p.caseId,
  obligor_id: p.obligorId,
  intent: p.intent,
  ...routing(p.villageCode, p.townshipCode),
});

const entries: { [T in EventType]?: FactEntry<T> } = {
  'cases.judgment.effective': {
    subject: 'cases.judgment.effective',
    consumer: 'count-effective-judgment-in-its-divisions',
    rule: 'A judgment that became effective counts for its village, township and county, and in the dispute analysis by cause.',
    table: 'case_fact',
    merge: {
      case_number: 'fill',
      judge_id: 'fill',
      cause_code: 'fill',
      cause_category: 'fill',
      obligor_ids: 'fill-empty',
      amount_owed_fen: 'fill',
      effective_date: 'fill',
      ...ROUTING('fill'),
    },
    rows: (p) =>
      one({
        case_id: p.caseId,
        case_number: p.caseNumber,
        judge_id: p.judgeId,
        cause_code: p.causeCode,
        cause_category: p.causeCategory,
        obligor_ids: p.obligorIds,
        amount_owed_fen: p.amountOwedFen,
        effective_date: p.effectiveDate,
        ...routing(p.villageCode, p.townshipCode),
      }),
  },
  'cases.urging.started': {
    subject: 'cases.urging.started',
    consumer: 'count-urging-started',
    rule: 'A pre-enforcement urging counts as started on the day it started.',
    table: 'case_fact',
    merge: {
      case_number: 'fill',
      judge_id: 'fill',
      obligor_ids: 'fill-empty',
      urging_started_on: 'fill',
      ...ROUTING('fill'),
    },
    rows: (p, tz) =>
      one({
        case_id: p.caseId,
        case_number: p.caseNumber,
        judge_id: p.judgeId,
        obligor_ids: p.obligorIds,
        urging_started_on: dayIn(p.startedAt, tz),
        ...routing(p.villageCode, p.townshipCode),
      }),
  },
  'cases.urging.ended': {
    subject: 'cases.urging.ended',
    consumer: 'count-urging-performed',
    rule: 'An urging that ended because the obligor performed counts as performed.',
    table: 'case_fact',
    merge: { urging_ended_on: 'set', urging_end_reason: 'set' },
    rows: (p, tz) => one({ case_id: p.caseId, urging_ended_on: dayIn(p.endedAt, tz), urging_end_reason: p.reason }),
  },
  'cases.enforcement.filed': {
    subject: 'cases.enforcement.filed',
    consumer: 'exclude-filed-case-from-voluntary-performance',
    rule: 'A judgment that needed an enforcement case no longer counts as performed without enforcement.',
    table: 'case_fact',
    merge: {
      case_number: 'fill',
      judge_id: 'fill',
      officer_id: 'fill',
      obligor_ids: 'fill-empty',
      enforcement_filed: 'or',
      filed_on: 'fill',
      amount_applied_fen: 'fill',
      ...ROUTING('fill'),
    },
    rows: (p, tz) =>
      one({
        case_id: p.caseId,
        case_number: p.caseNumber,
        judge_id: p.judgeId,
        officer_id: p.officerId,
        obligor_ids: p.obligorIds,
        enforcement_filed: true,
        filed_on: dayIn(p.filedAt, tz),
        amount_applied_fen: p.amountAppliedFen,
        ...routing(p.villageCode, p.townshipCode),
      }),
  },
  'cases.case.closed': {
    subject: 'cases.case.closed',
    consumer: 'score-closed-case-for-judge-and-divisions',
    rule: 'A closed case counts once for its judge (weighted by the active rule set) and for its village, township and county; the close is the final word on the case.',
    table: 'case_fact',
    merge: {
      case_number: 'set',
      outcome: 'set',
      judge_id: 'set',
      officer_id: 'set',
      cause_code: 'set',
      cause_category: 'set',
      urged: 'set',
      enforcement_filed: 'or',
      effective_date: 'set',
      closed_at: 'set',
      closed_on: 'set',
      days_open: 'set',
      amount_applied_fen: 'set',
      amount_recovered_fen: 'set',
      obligor_ids: 'replace',
      ...ROUTING('set'),
    },
    rows: (p, tz) =>
      one({
        case_id: p.caseId,
        case_number: p.caseNumber,
        outcome: p.outcome,
        judge_id: p.judgeId,
        officer_id: p.officerId,
        cause_code: p.causeCode,
        cause_category: p.causeCategory,
        urged: p.urged,
        enforcement_filed: p.enforcementFiled,
        effective_date: p.effectiveDate,
        closed_at: p.closedAt,
        closed_on: dayIn(p.closedAt, tz),
        days_open: p.daysOpen,
        amount_applied_fen: p.amountAppliedFen,
        amount_recovered_fen: p.amountRecoveredFen,
        obligor_ids: p.obligorIds,
        ...routing(p.villageCode, p.townshipCode),
      }),
  },
  'cases.case.rerouted': {
    subject: 'cases.case.rerouted',
    consumer: 'follow-case-to-its-new-division',
    rule: 'An open case that follows its obligor to a new home counts for the new divisions from then on; the latest reroute wins whatever order they arrive in, and a closed case keeps the divisions it closed in.',
    table: 'case_fact',
    merge: { case_number: 'insert', ...ROUTING('follow'), rerouted_at: 'follow' },
    rows: (p) =>
      one({
        case_id: p.caseId,
        case_number: p.caseNumber,
        ...routing(p.villageCode, p.townshipCode),
        rerouted_at: p.reroutedAt,
      }),
  },
  'cases.case.transitioned': {
    subject: 'cases.case.transitioned',
    consumer: 'reopen-case-terminated-for-this-round',
    rule: 'A case terminated for this round (终本) and taken up again, or re-opened because the payment that closed it was reversed, counts as open until it closes again; a close newer than the reopening wins whatever order the two arrive in.',
    table: 'case_fact',
    merge: { reopened_at: 'max', ...ROUTING('insert') },
    rows: (p) =>
      reopensCase(p) ? one({ case_id: p.caseId, reopened_at: p.at, ...routing(p.villageCode, p.townshipCode) }) : [],
  },
  'cases.case.revived': {
    subject: 'cases.case.revived',
    consumer: 'count-revived-terminated-case',
    rule: 'A case terminated for this round (终本) and reopened from an asset lead counts as revived on the day of its first revival; the payments recorded on it afterwards count as recovered from revived cases.',
    table: 'case_fact',
    merge: { revived_at: 'fill', revived_on: 'fill', revived_paid_fen: 'fill', ...ROUTING('fill') },
    rows: (p, tz) =>
      one({
        case_id: p.caseId,
        revived_at: p.revivedAt,
        revived_on: dayIn(p.revivedAt, tz),
        revived_paid_fen: p.paidFen,
        ...routing(p.villageCode, p.townshipCode),
      }),
  },
  'cases.performance.recorded': {
    subject: 'cases.performance.recorded',
    consumer: 'count-repayment-after-exposure',
    rule: 'A payment on a case whose obligor had been listed counts as a repayment after exposure.',
    table: 'payment_fact',
    merge: { case_id: 'insert', amount_fen: 'insert', source: 'insert', paid_on: 'insert', recorded_at: 'insert' },
    rows: (p) =>
      one({
        performance_id: p.performanceId,
        case_id: p.caseId,
        amount_fen: p.amountFen,
        source: p.source,
        paid_on: p.paidOn,
        recorded_at: p.recordedAt,
      }),
  },
  'cases.performance.reversed': {
    subject: 'cases.performance.reversed',
    consumer: 'withdraw-reversed-payment',
    rule: 'A payment reversed as recorded in error no longer counts (as a repayment after exposure, on the day it was paid); the reversal fills in the payment when it arrives first.',
    table: 'payment_fact',
    merge: {
      case_id: 'insert',
      amount_fen: 'insert',
      source: 'insert',
      paid_on: 'insert',
      recorded_at: 'insert',
      reversed_at: 'set',
    },
    rows: (p) =>
      one({
        performance_id: p.performanceId,
        case_id: p.caseId,
        amount_fen: p.amountFen,
        source: p.source,
        paid_on: p.paidOn,
        recorded_at: p.recordedAt,
        reversed_at: p.reversedAt,
      }),
  },
  'credit.listing.added': {
    subject: 'credit.listing.added',
    consumer: 'count-dishonest-listing',
    rule: 'A listing counts for the divisions of its case and in the dishonesty rate.',
    table: 'listing_fact',
    merge: { party_id: 'insert', case_id: 'insert', ...ROUTING('fill'), listed_at: 'fill', listed_on: 'fill' },
    rows: (p, tz) =>
      one({
        listing_id: p.listingId,
        party_id: p.partyId,
        case_id: p.caseId,
        ...routing(p.villageCode, p.townshipCode),
        listed_at: p.listedAt,
        listed_on: dayIn(p.listedAt, tz),
      }),
  },
  'credit.listing.removed': {
    subject: 'credit.listing.removed',
    consumer: 'count-dishonest-listing-removal',
    rule: 'A removed listing leaves the active listings and the dishonesty rate.',
    table: 'listing_fact',
    merge: {
      party_id: 'insert',
      case_id: 'insert',
      ...ROUTING('fill'),
      listed_at: 'fill',
      listed_on: 'fill',
      removed_at: 'set',
      removed_on: 'set',
      removal_ground: 'set',
    },
    rows: (p, tz) =>
      one({
        listing_id: p.listingId,
        party_id: p.partyId,
        case_id: p.caseId,
        ...routing(p.villageCode, p.townshipCode),
        listed_at: p.listedAt,
        listed_on: dayIn(p.listedAt, tz),
        removed_at: p.removedAt,
        removed_on: dayIn(p.removedAt, tz),
        removal_ground: p.removalGround,
      }),
  },
  'credit.link.changed': {
    subject: 'credit.link.changed.*',
    consumer: 'track-partner-acknowledgement-due',
    rule: 'A credit-link change waits for its partner department acknowledgement; a change already known keeps its first time.',
    table: 'partner_change_fact',
    merge: { department: 'insert', changed_at: 'fill' },
    rows: (p) => one({ change_id: p.changeId, department: p.department, changed_at: p.changedAt }),
    // A payment changes four credit links; a batch holds many.
    batched: true,
  },
  'credit.partner.acknowledged': {
    subject: 'credit.partner.acknowledged',
    consumer: 'clear-partner-acknowledgement',
    rule: 'An acknowledged change no longer counts as overdue.',
    table: 'partner_change_fact',
    merge: { department: 'insert', acknowledged_at: 'fill' },
    rows: (p) => one({ change_id: p.changeId, department: p.department, acknowledged_at: p.acknowledgedAt }),
  },
  'credit.partner.overdue': {
    subject: 'credit.partner.overdue',
    consumer: 'warn-on-partner-acknowledgement-overdue',
    rule: 'Changes left unacknowledged count towards the partner-acknowledgement warning.',
    table: 'partner_change_fact',
    merge: { department: 'insert', overdue: 'replace' },
    rows: (p) => p.changeIds.map((id) => ({ change_id: id, department: p.department, overdue: true })),
  },
  'tasks.task.created': {
    subject: 'tasks.task.created',
    consumer: 'count-assistance-task',
    rule: 'An assistance task counts by type and level for its division; the creation event is the word on when it was created.',
    table: 'task_fact',
    merge: { ...TASK_KEYS, created_at: 'set', created_on: 'set', due_at: 'fill' },
    rows: (p, tz) =>
      one({ ...taskKeys(p), created_at: p.createdAt, created_on: dayIn(p.createdAt, tz), due_at: p.dueAt }),
  },
  'tasks.task.completed': {
    subject: 'tasks.task.completed',
    consumer: 'count-assistance-task-done',
    rule: 'A task done counts as completed and leaves the open and overdue tasks.',
    table: 'task_fact',
    merge: {
      ...TASK_KEYS,
      created_at: 'fill',
      created_on: 'fill',
      completed_at: 'fill',
      completed_on: 'fill',
      completion_status: 'fill',
    },
    rows: (p, tz) =>
      one({
        ...taskKeys(p),
        created_at: p.createdAt ?? null,
        created_on: p.createdAt ? dayIn(p.createdAt, tz) : null,
        completed_at: p.completedAt,
        completed_on: dayIn(p.completedAt, tz),
        completion_status: p.status,
      }),
  },
  'tasks.task.overdue': {
    subject: 'tasks.task.overdue',
    consumer: 'count-overdue-assistance-task',
    rule: 'A task past its due date counts as overdue until it is done.',
    table: 'task_fact',
    merge: { ...TASK_KEYS, due_at: 'fill', overdue_at: 'fill', overdue_on: 'fill' },
    rows: (p, tz) =>
      one({ ...taskKeys(p), due_at: p.dueAt, overdue_at: p.overdueAt, overdue_on: dayIn(p.overdueAt, tz) }),
  },
  'tasks.proposal.submitted': {
    subject: 'tasks.proposal.submitted',
    consumer: 'count-obligor-coming-forward',
    rule: 'An obligor coming forward online (主动履行) counts for the divisions of the case on the day the proposal was submitted.',
    table: 'proposal_fact',
    merge: { ...PROPOSAL_KEYS, submitted_on: 'fill' },
    rows: (p, tz) => one({ ...proposalKeys(p), submitted_on: dayIn(p.submittedAt, tz) }),
  },
  'tasks.proposal.decided': {
    subject: 'tasks.proposal.decided',
    consumer: 'count-coming-forward-granted-grace-or-settlement',
    rule: 'A proposal the court accepted as a grace period, a settlement or an instalment plan counts as came forward and relieved, on the day it was decided; a decision is final, so a repeat changes nothing.',
    table: 'proposal_fact',
    merge: { ...PROPOSAL_KEYS, decided_on: 'fill', relieved: 'or' },
    rows: (p, tz) => one({ ...proposalKeys(p), decided_on: dayIn(p.decidedAt, tz), relieved: relieves(p) }),
  },
  'tasks.meeting.held': {
    subject: 'tasks.meeting.held',
    consumer: 'count-enforcement-meeting-attendance',
    rule: 'A village enforcement meeting counts with its invited, attended and paid figures; a meeting reported again is counted as last reported.',
    table: 'meeting_fact',
    merge: {
      ...ROUTING('insert'),
      held_at: 'replace',
      held_on: 'replace',
      invited: 'replace',
      attended: 'replace',
      paid_in_full: 'replace',
      instalment_plans: 'replace',
    },
    rows: (p, tz) => {
      const r = routingOf(p.villageCode, p.townshipCode);
      return one({
        meeting_id: p.meetingId,
        county_code: r.county,
        township_code: r.township,
        village_code: r.village,
        held_at: p.heldAt,
        held_on: dayIn(p.heldAt, tz),
        invited: p.invited,
        attended: p.attended,
        paid_in_full: p.paidInFull,
        instalment_plans: p.instalmentPlans,
      });
    },
  },
};

/** The table: one entry per event type metrics turns into facts. */
export const FACT_ENTRIES = entries as { readonly [T in EventType]?: FactEntry };

/** The entry of an event (none: metrics keeps no fact of it). */
export function factEntryOf(type: string): FactEntry | undefined {
  return (FACT_ENTRIES as Record<string, FactEntry | undefined>)[type];
}
