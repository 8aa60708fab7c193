import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventType } from '@zhiyuan/events';
import { caseGroupContribution, Contribution, meetingContribution, taskContribution, type CaseGroup, type CaseRow, type ListingRow, type MeetingRow, type PaymentRow, type TaskRow } from './contributions';
import { queryPrepared } from './prepared';
import { dayIn, routingOf, routingOfCode, type ProjectionSettings } from './settings';

type Row = Record<string, unknown>;

/** The facts whose figures depend on one another: a case with its listings and payments, a task, a meeting. */
export type FactKey = { kind: 'case' | 'task' | 'meeting'; id: string } | { kind: 'partner' };

/** One event's write: an upsert of one fact row, keyed by the fact's own id. */
interface FactWrite {
  key: FactKey;
  table: 'case_fact' | 'listing_fact' | 'payment_fact' | 'task_fact' | 'meeting_fact' | 'partner_change_fact';
  sql: string;
  params: unknown[];
}

/**
 * Upserts a case fact. Fill mode only sets columns still unknown (events before the close, in any
 * order); overwrite mode lets the new values win (the close is the final word on a case).
 */
function upsertCase(caseId: string, values: Row, mode: 'fill' | 'overwrite'): FactWrite {
  const cols = Object.keys(values);
  const params = [caseId, ...cols.map((c) => values[c])];
  const set = cols.map((c) => {
    if (c === 'enforcement_filed') return `${c} = case_fact.${c} OR EXCLUDED.${c}`;
    if (c === 'obligor_ids') return mode === 'fill' ? `${c} = CASE WHEN cardinality(case_fact.${c}) = 0 THEN EXCLUDED.${c} ELSE case_fact.${c} END` : `${c} = EXCLUDED.${c}`;
    return mode === 'fill' ? `${c} = COALESCE(case_fact.${c}, EXCLUDED.${c})` : `${c} = COALESCE(EXCLUDED.${c}, case_fact.${c})`;
  });
  return {
    key: { kind: 'case', id: caseId },
    table: 'case_fact',
    sql: `INSERT INTO metrics.case_fact (case_id, ${cols.join(', ')}) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')})
     ON CONFLICT (case_id) DO UPDATE SET ${[...set, 'updated_at = now()'].join(', ')}`,
    params,
  };
}

function routingCols(villageCode: string | null, townshipCode: string | null): Row {
  const r = routingOf(villageCode, townshipCode);
  return { county_code: r.county, township_code: r.township, village_code: r.village };
}

type Payload<T extends EventType> = EventEnvelope<T>['payload'];

/** Partner changes (ids, departments, times): a change already known keeps its first time. */
const RECORD_PARTNER_CHANGES = `INSERT INTO metrics.partner_change_fact (change_id, department, changed_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
  ON CONFLICT (change_id) DO UPDATE SET changed_at = COALESCE(partner_change_fact.changed_at, EXCLUDED.changed_at)`;

/** A reroute applies to a case not yet closed, and only when it is newer than the last one applied. */
const FOLLOWS = `(case_fact.closed_at IS NULL AND EXCLUDED.rerouted_at >= COALESCE(case_fact.rerouted_at, '-infinity'::timestamptz))`;

/**
 * The fact write of one event (null: the event changes no fact). Every write is an upsert keyed by
 * the fact's own id, so a repeated or late event never double counts.
 */
function factWrite(event: EventEnvelope, s: ProjectionSettings): FactWrite | null {
  const tz = s.timeZone;
  switch (event.type) {
    case 'cases.judgment.effective': {
      const p = event.payload as Payload<'cases.judgment.effective'>;
      return upsertCase(p.caseId, {
          case_number: p.caseNumber, judge_id: p.judgeId, cause_code: p.causeCode, cause_category: p.causeCategory, obligor_ids: p.obligorIds,
          amount_owed_fen: p.amountOwedFen, effective_date: p.effectiveDate, ...routingCols(p.villageCode, p.townshipCode),
        }, 'fill');
    }
    case 'cases.urging.started': {
      const p = event.payload as Payload<'cases.urging.started'>;
      return upsertCase(p.caseId, { case_number: p.caseNumber, judge_id: p.judgeId, obligor_ids: p.obligorIds, urging_started_on: dayIn(p.startedAt, tz), ...routingCols(p.villageCode, p.townshipCode) }, 'fill');
    }
    case 'cases.urging.ended': {
      const p = event.payload as Payload<'cases.urging.ended'>;
      return upsertCase(p.caseId, { urging_ended_on: dayIn(p.endedAt, tz), urging_end_reason: p.reason }, 'overwrite');
    }
    case 'cases.enforcement.filed': {
      const p = event.payload as Payload<'cases.enforcement.filed'>;
      return upsertCase(p.caseId, {
          case_number: p.caseNumber, judge_id: p.judgeId, officer_id: p.officerId, obligor_ids: p.obligorIds, enforcement_filed: true,
          filed_on: dayIn(p.filedAt, tz), amount_applied_fen: p.amountAppliedFen, ...routingCols(p.villageCode, p.townshipCode),
        }, 'fill');
    }
    case 'cases.case.closed': {
      const p = event.payload as Payload<'cases.case.closed'>;
      return upsertCase(p.caseId, {
          case_number: p.caseNumber, outcome: p.outcome, judge_id: p.judgeId, officer_id: p.officerId, cause_code: p.causeCode, cause_category: p.causeCategory,
          urged: p.urged, enforcement_filed: p.enforcementFiled, effective_date: p.effectiveDate, closed_at: p.closedAt, closed_on: dayIn(p.closedAt, tz),
          days_open: p.daysOpen, amount_applied_fen: p.amountAppliedFen, amount_recovered_fen: p.amountRecoveredFen, obligor_ids: p.obligorIds,
          ...routingCols(p.villageCode, p.townshipCode),
        }, 'overwrite');
    }
    case 'cases.case.rerouted': {
      // An open case follows its obligor; the latest reroute wins whatever order they arrive in, and a
      // closed case keeps the divisions it closed in.
      const p = event.payload as Payload<'cases.case.rerouted'>;
      const r = routingCols(p.villageCode, p.townshipCode);
      return {
        key: { kind: 'case', id: p.caseId },
        table: 'case_fact',
        sql: `INSERT INTO metrics.case_fact (case_id, case_number, county_code, township_code, village_code, rerouted_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id) DO UPDATE SET
           county_code = CASE WHEN ${FOLLOWS} THEN EXCLUDED.county_code ELSE case_fact.county_code END,
           township_code = CASE WHEN ${FOLLOWS} THEN EXCLUDED.township_code ELSE case_fact.township_code END,
           village_code = CASE WHEN ${FOLLOWS} THEN EXCLUDED.village_code ELSE case_fact.village_code END,
           rerouted_at = CASE WHEN ${FOLLOWS} THEN EXCLUDED.rerouted_at ELSE case_fact.rerouted_at END,
           updated_at = now()`,
        params: [p.caseId, p.caseNumber, r.county_code, r.township_code, r.village_code, p.reroutedAt],
      };
    }
    case 'cases.case.transitioned': {
      // A case terminated for this round (终本) and taken up again is open until it closes again; a
      // close newer than the reopening wins whatever order the two arrive in.
      const p = event.payload as Payload<'cases.case.transitioned'>;
      if (p.from !== 'TERMINATED_THIS_ROUND' || p.to !== 'IN_PROGRESS') return null;
      return {
        key: { kind: 'case', id: p.caseId },
        table: 'case_fact',
        sql: `INSERT INTO metrics.case_fact (case_id, reopened_at, county_code, township_code, village_code) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET reopened_at = GREATEST(case_fact.reopened_at, EXCLUDED.reopened_at), updated_at = now()`,
        params: [p.caseId, p.at, ...Object.values(routingCols(p.villageCode, p.townshipCode))],
      };
    }
    case 'cases.performance.recorded': {
      const p = event.payload as Payload<'cases.performance.recorded'>;
      return {
        key: { kind: 'case', id: p.caseId },
        table: 'payment_fact',
        sql: `INSERT INTO metrics.payment_fact (performance_id, case_id, amount_fen, source, paid_on, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (performance_id) DO NOTHING`,
        params: [p.performanceId, p.caseId, p.amountFen, p.source, p.paidOn, p.recordedAt],
      };
    }
    case 'credit.listing.added':
    case 'credit.listing.removed': {
      const p = event.payload as Payload<'credit.listing.added'> & Partial<Payload<'credit.listing.removed'>>;
      const r = routingCols(p.villageCode, p.townshipCode);
      const removed = event.type === 'credit.listing.removed';
      return {
        key: { kind: 'case', id: p.caseId },
        table: 'listing_fact',
        sql: `INSERT INTO metrics.listing_fact (listing_id, party_id, case_id, county_code, township_code, village_code, listed_at, listed_on, removed_at, removed_on, removal_ground)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (listing_id) DO UPDATE SET
           county_code = COALESCE(listing_fact.county_code, EXCLUDED.county_code),
           township_code = COALESCE(listing_fact.township_code, EXCLUDED.township_code),
           village_code = COALESCE(listing_fact.village_code, EXCLUDED.village_code),
           listed_at = COALESCE(listing_fact.listed_at, EXCLUDED.listed_at),
           listed_on = COALESCE(listing_fact.listed_on, EXCLUDED.listed_on),
           removed_at = COALESCE(EXCLUDED.removed_at, listing_fact.removed_at),
           removed_on = COALESCE(EXCLUDED.removed_on, listing_fact.removed_on),
           removal_ground = COALESCE(EXCLUDED.removal_ground, listing_fact.removal_ground)`,
        params: [p.listingId, p.partyId, p.caseId, r.county_code, r.township_code, r.village_code, p.listedAt, dayIn(p.listedAt, tz),
          removed ? p.removedAt : null, removed ? dayIn(p.removedAt!, tz) : null, removed ? p.removalGround : null],
      };
    }
    case 'tasks.task.created':
    case 'tasks.task.completed':
    case 'tasks.task.overdue': {
      const p = event.payload as Payload<'tasks.task.created'> & Partial<Payload<'tasks.task.completed'>> & Partial<Payload<'tasks.task.overdue'>>;
      const r = routingOfCode(p.divisionCode);
      const completed = event.type === 'tasks.task.completed';
      const overdue = event.type === 'tasks.task.overdue';
      return {
        key: { kind: 'task', id: p.taskId },
        table: 'task_fact',
        sql: `INSERT INTO metrics.task_fact (task_id, case_id, type, level, division_code, county_code, township_code, village_code, created_at, created_on, due_at,
                                        completed_at, completed_on, completion_status, overdue_at, overdue_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (task_id) DO UPDATE SET
           created_at = CASE WHEN $17::boolean THEN COALESCE(EXCLUDED.created_at, task_fact.created_at) ELSE COALESCE(task_fact.created_at, EXCLUDED.created_at) END,
           created_on = CASE WHEN $17::boolean THEN COALESCE(EXCLUDED.created_on, task_fact.created_on) ELSE COALESCE(task_fact.created_on, EXCLUDED.created_on) END,
           due_at = COALESCE(task_fact.due_at, EXCLUDED.due_at),
           completed_at = COALESCE(task_fact.completed_at, EXCLUDED.completed_at),
           completed_on = COALESCE(task_fact.completed_on, EXCLUDED.completed_on),
           completion_status = COALESCE(task_fact.completion_status, EXCLUDED.completion_status),
           overdue_at = COALESCE(task_fact.overdue_at, EXCLUDED.overdue_at),
           overdue_on = COALESCE(task_fact.overdue_on, EXCLUDED.overdue_on)`,
        params: [
          p.taskId, p.caseId, p.type, p.level, p.divisionCode, r.county, r.township, r.village,
          p.createdAt ?? null, p.createdAt ? dayIn(p.createdAt, tz) : null, p.dueAt ?? null,
          completed ? p.completedAt : null, completed ? dayIn(p.completedAt!, tz) : null, completed ? p.status : null,
          overdue ? p.overdueAt : null, overdue ? dayIn(p.overdueAt!, tz) : null,
          // The creation event is the word on when a task was created; the others only fill it in.
          event.type === 'tasks.task.created',
        ],
      };
    }
    case 'tasks.meeting.held': {
      const p = event.payload as Payload<'tasks.meeting.held'>;
      const r = routingOf(p.villageCode, p.townshipCode);
      const heldOn = dayIn(p.heldAt, tz);
      return {
        key: { kind: 'meeting', id: p.meetingId },
        table: 'meeting_fact',
        sql: `INSERT INTO metrics.meeting_fact (meeting_id, county_code, township_code, village_code, held_at, held_on, invited, attended, paid_in_full, instalment_plans)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (meeting_id) DO UPDATE SET held_at = EXCLUDED.held_at, held_on = EXCLUDED.held_on, invited = EXCLUDED.invited,
           attended = EXCLUDED.attended, paid_in_full = EXCLUDED.paid_in_full, instalment_plans = EXCLUDED.instalment_plans`,
        params: [p.meetingId, r.county, r.township, r.village, p.heldAt, heldOn, p.invited, p.attended, p.paidInFull, p.instalmentPlans],
      };
    }
    case 'credit.link.changed': {
      const p = event.payload as Payload<'credit.link.changed'>;
      return { key: { kind: 'partner' }, table: 'partner_change_fact', sql: RECORD_PARTNER_CHANGES, params: [[p.changeId], [p.department], [p.changedAt]] };
    }
    case 'credit.partner.acknowledged': {
      const p = event.payload as Payload<'credit.partner.acknowledged'>;
      return {
        key: { kind: 'partner' },
        table: 'partner_change_fact',
        sql: `INSERT INTO metrics.partner_change_fact (change_id, department, acknowledged_at) VALUES ($1, $2, $3)
         ON CONFLICT (change_id) DO UPDATE SET acknowledged_at = COALESCE(partner_change_fact.acknowledged_at, EXCLUDED.acknowledged_at)`,
        params: [p.changeId, p.department, p.acknowledgedAt],
      };
    }
    case 'credit.partner.overdue': {
      const p = event.payload as Payload<'credit.partner.overdue'>;
      return {
        key: { kind: 'partner' },
        table: 'partner_change_fact',
        sql: `INSERT INTO metrics.partner_change_fact (change_id, department, overdue) SELECT id, $2, true FROM unnest($1::uuid[]) AS id
         ON CONFLICT (change_id) DO UPDATE SET overdue = true`,
        params: [p.changeIds, p.department],
      };
    }
    default:
      return null;
  }
}

export interface PartnerChange {
  changeId: string;
  department: string;
  changedAt: string;
}

/**
 * Records partner changes in one statement (a payment changes four credit links; a batch holds many).
 * Each change is written once, its first time kept, as one upsert per event would leave it.
 */
export async function recordPartnerChanges(m: EntityManager, changes: readonly PartnerChange[]): Promise<void> {
  const first = new Map<string, PartnerChange>();
  for (const c of changes) if (!first.has(c.changeId)) first.set(c.changeId, c);
  if (!first.size) return;
  const rows = [...first.values()];
  await m.query(RECORD_PARTNER_CHANGES, [rows.map((r) => r.changeId), rows.map((r) => r.department), rows.map((r) => r.changedAt)]);
}

/** Which fact an event changes (null: none). */
export function factKeyOf(event: EventEnvelope, s: ProjectionSettings): FactKey | null {
  return factWrite(event, s)?.key ?? null;
}

/** Records one event as facts (a rebuild replays the history this way, then recomputes every read model). */
export async function applyFact(m: EntityManager, event: EventEnvelope, s: ProjectionSettings): Promise<void> {
  const w = factWrite(event, s);
  if (w) await m.query(w.sql, w.params);
}

/** The subjects whose events become facts. */
export const FACT_SUBJECTS = [
  'cases.judgment.effective',
  'cases.urging.started',
  'cases.urging.ended',
  'cases.enforcement.filed',
  'cases.case.closed',
  'cases.case.rerouted',
  'cases.case.transitioned',
  'cases.performance.recorded',
  'credit.listing.added',
  'credit.listing.removed',
  'credit.link.changed.*',
  'credit.partner.acknowledged',
  'credit.partner.overdue',
  'tasks.task.created',
  'tasks.task.completed',
  'tasks.task.overdue',
  'tasks.meeting.held',
] as const;

const us = (col: string) => `(extract(epoch FROM ${col}) * 1000000)::bigint`;
const CODES = `'county_code', county_code, 'township_code', township_code, 'village_code', village_code`;

/** Each fact row as the contribution functions take it (timestamps in epoch microseconds), by table. */
const ROW_JSON: Record<Exclude<FactWrite['table'], 'partner_change_fact'>, string> = {
  case_fact: `json_build_object(${CODES}, 'judge_id', judge_id, 'cause_category', cause_category, 'obligor_ids', obligor_ids,
    'amount_owed_fen', amount_owed_fen, 'effective_date', effective_date, 'urging_started_on', urging_started_on,
    'urging_ended_on', urging_ended_on, 'urging_end_reason', urging_end_reason, 'enforcement_filed', enforcement_filed, 'outcome', outcome,
    'closed_at_us', ${us('closed_at')}, 'closed_on', closed_on, 'days_open', days_open, 'amount_applied_fen', amount_applied_fen,
    'amount_recovered_fen', amount_recovered_fen, 'reopened_at_us', ${us('reopened_at')})`,
  listing_fact: `json_build_object('listing_id', listing_id, 'party_id', party_id, ${CODES}, 'listed_at_us', ${us('listed_at')}, 'listed_on', listed_on,
    'removed_at_us', ${us('removed_at')}, 'removed_on', removed_on)`,
  payment_fact: `json_build_object('performance_id', performance_id, 'amount_fen', amount_fen, 'paid_on', paid_on, 'recorded_at_us', ${us('recorded_at')})`,
  task_fact: `json_build_object('type', type, 'level', level, 'division_code', division_code, ${CODES}, 'created_on', created_on,
    'completed_at_us', ${us('completed_at')}, 'completed_on', completed_on, 'completion_status', completion_status,
    'overdue_at_us', ${us('overdue_at')}, 'overdue_on', overdue_on)`,
  meeting_fact: `json_build_object(${CODES}, 'held_on', held_on, 'invited', invited, 'attended', attended, 'paid_in_full', paid_in_full, 'instalment_plans', instalment_plans)`,
};

/** The rows of a fact as they are before the statement: a case with its listings and payments, a task, a meeting. */
function factRowsBefore(key: Exclude<FactKey, { kind: 'partner' }>, param: string): string {
  switch (key.kind) {
    case 'case':
      return `SELECT (SELECT ${ROW_JSON.case_fact} FROM metrics.case_fact WHERE case_id = ${param}::uuid) AS c,
        (SELECT COALESCE(json_agg(${ROW_JSON.listing_fact}), '[]'::json) FROM metrics.listing_fact WHERE case_id = ${param}::uuid) AS l,
        (SELECT COALESCE(json_agg(${ROW_JSON.payment_fact}), '[]'::json) FROM metrics.payment_fact WHERE case_id = ${param}::uuid) AS p`;
    case 'task':
      return `SELECT (SELECT ${ROW_JSON.task_fact} FROM metrics.task_fact WHERE task_id = ${param}::uuid) AS c`;
    case 'meeting':
      return `SELECT (SELECT ${ROW_JSON.meeting_fact} FROM metrics.meeting_fact WHERE meeting_id = ${param}::uuid) AS c`;
  }
}

type Listing = ListingRow & { listing_id: string };
type Before = { c: unknown; l?: Listing[]; p?: PaymentRow[] };

export interface FactChange {
  key: FactKey | null;
  /** What the fact's rows contributed to the read models before the event, and after it. */
  before: Contribution;
  after: Contribution;
}

/**
 * Records one event as facts and gives what the changed fact contributed before and after, in one
 * statement: the fact's rows as they were, and the upserted row as it is (RETURNING). The caller
 * holds the fact's lock, so nothing else changes those rows in between.
 */
export async function writeFact(m: EntityManager, event: EventEnvelope, s: ProjectionSettings): Promise<FactChange> {
  const w = factWrite(event, s);
  if (!w) return { key: null, before: new Contribution(), after: new Contribution() };
  if (w.key.kind === 'partner' || w.table === 'partner_change_fact') {
    await m.query(w.sql, w.params);
    return { key: w.key, before: new Contribution(), after: new Contribution() };
  }
  const key = w.key;
  const [r] = await queryPrepared<{ b: Before; a: unknown }>(
    m,
    `WITH b AS (${factRowsBefore(key, `$${w.params.length + 1}`)}), a AS (${w.sql} RETURNING ${ROW_JSON[w.table]} AS row)
     SELECT (SELECT row_to_json(b) FROM b) AS b, (SELECT row FROM a) AS a`,
    [...w.params, key.id],
  );
  const { b, a } = r!;
  switch (key.kind) {
    case 'case': {
      const listings: Listing[] = b.l ?? [];
      const group: CaseGroup = { case: b.c as CaseRow | null, listings, payments: b.p ?? [] };
      const after: CaseGroup = { ...group };
      if (a && w.table === 'case_fact') after.case = a as CaseRow;
      if (a && w.table === 'listing_fact') after.listings = [...listings.filter((l) => l.listing_id !== (a as Listing).listing_id), a as Listing];
      // A payment already recorded returns nothing (DO NOTHING): no change.
      if (a && w.table === 'payment_fact') after.payments = [...group.payments, a as PaymentRow];
      return { key, before: caseGroupContribution(group, s.oldCaseDays), after: caseGroupContribution(after, s.oldCaseDays) };
    }
    case 'task':
      return { key, before: taskContribution(b.c as TaskRow | null), after: taskContribution((a ?? b.c) as TaskRow | null) };
    case 'meeting':
      return { key, before: meetingContribution(b.c as MeetingRow | null), after: meetingContribution((a ?? b.c) as MeetingRow | null) };
  }
}
