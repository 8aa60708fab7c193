import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventType } from '@zhiyuan/events';
import { dayIn, routingOf, routingOfCode, type ProjectionSettings } from './settings';

/** The read-model keys a fact change affects: division days, divisions (current state) and judge days. */
export class Touch {
  readonly codes = new Set<string>();
  readonly days = new Set<string>();
  readonly judgeDays = new Set<string>();
  readonly judges = new Set<string>();

  add(other: Touch): this {
    other.codes.forEach((c) => this.codes.add(c));
    other.days.forEach((d) => this.days.add(d));
    other.judgeDays.forEach((d) => this.judgeDays.add(d));
    other.judges.forEach((j) => this.judges.add(j));
    return this;
  }

  addCodes(...codes: (string | null | undefined)[]): this {
    for (const c of codes) if (c) this.codes.add(c);
    return this;
  }

  addDays(...days: (string | null | undefined)[]): this {
    for (const d of days) if (d) this.days.add(d);
    return this;
  }
}

type Row = Record<string, unknown>;
const dateText = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Everything derived from one case: its divisions, the days it counts on, its judge days. */
async function caseKeys(m: EntityManager, caseId: string): Promise<Touch> {
  const t = new Touch();
  const rows: Row[] = await m.query(
    `SELECT county_code, township_code, village_code, judge_id,
            to_char(effective_date, 'YYYY-MM-DD') AS effective_date, to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
            to_char(urging_started_on, 'YYYY-MM-DD') AS urging_started_on, to_char(urging_ended_on, 'YYYY-MM-DD') AS urging_ended_on
       FROM metrics.case_fact WHERE case_id = $1`,
    [caseId],
  );
  for (const r of rows) {
    t.addCodes(r.county_code as string, r.township_code as string, r.village_code as string);
    t.addDays(dateText(r.effective_date), dateText(r.closed_on), dateText(r.urging_started_on), dateText(r.urging_ended_on));
    if (r.judge_id) {
      t.judges.add(r.judge_id as string);
      if (r.closed_on) t.judgeDays.add(`${r.judge_id}|${dateText(r.closed_on)}`);
    }
  }
  // Repayments after exposure count on the payment day, for the divisions of the case listings.
  const listings: Row[] = await m.query(`SELECT county_code, township_code, village_code, to_char(listed_on, 'YYYY-MM-DD') AS listed_on, to_char(removed_on, 'YYYY-MM-DD') AS removed_on FROM metrics.listing_fact WHERE case_id = $1`, [caseId]);
  for (const l of listings) t.addCodes(l.county_code as string, l.township_code as string, l.village_code as string).addDays(dateText(l.listed_on), dateText(l.removed_on));
  const payments: Row[] = await m.query(`SELECT DISTINCT to_char(paid_on, 'YYYY-MM-DD') AS paid_on FROM metrics.payment_fact WHERE case_id = $1`, [caseId]);
  for (const p of payments) t.addDays(dateText(p.paid_on));
  return t;
}

/**
 * Upserts a case fact. Fill mode only sets columns still unknown (events before the close, in any
 * order); overwrite mode lets the new values win (the close is the final word on a case).
 */
async function upsertCase(m: EntityManager, caseId: string, values: Row, mode: 'fill' | 'overwrite'): Promise<void> {
  const cols = Object.keys(values);
  const params = [caseId, ...cols.map((c) => values[c])];
  const set = cols.map((c) => {
    if (c === 'enforcement_filed') return `${c} = case_fact.${c} OR EXCLUDED.${c}`;
    if (c === 'obligor_ids') return mode === 'fill' ? `${c} = CASE WHEN cardinality(case_fact.${c}) = 0 THEN EXCLUDED.${c} ELSE case_fact.${c} END` : `${c} = EXCLUDED.${c}`;
    return mode === 'fill' ? `${c} = COALESCE(case_fact.${c}, EXCLUDED.${c})` : `${c} = COALESCE(EXCLUDED.${c}, case_fact.${c})`;
  });
  await m.query(
    `INSERT INTO metrics.case_fact (case_id, ${cols.join(', ')}) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')})
     ON CONFLICT (case_id) DO UPDATE SET ${[...set, 'updated_at = now()'].join(', ')}`,
    params,
  );
}

function routingCols(villageCode: string | null, townshipCode: string | null): Row {
  const r = routingOf(villageCode, townshipCode);
  return { county_code: r.county, township_code: r.township, village_code: r.village };
}

async function onCase(m: EntityManager, caseId: string, apply: () => Promise<void>): Promise<Touch> {
  const before = await caseKeys(m, caseId);
  await apply();
  return before.add(await caseKeys(m, caseId));
}

async function listingKeys(m: EntityManager, listingId: string): Promise<Touch> {
  const rows: Row[] = await m.query(`SELECT case_id FROM metrics.listing_fact WHERE listing_id = $1`, [listingId]);
  return rows.length ? caseKeys(m, rows[0]!.case_id as string) : new Touch();
}

async function taskKeys(m: EntityManager, taskId: string): Promise<Touch> {
  const t = new Touch();
  const rows: Row[] = await m.query(
    `SELECT county_code, township_code, village_code, to_char(created_on, 'YYYY-MM-DD') AS created_on, to_char(completed_on, 'YYYY-MM-DD') AS completed_on, to_char(overdue_on, 'YYYY-MM-DD') AS overdue_on FROM metrics.task_fact WHERE task_id = $1`,
    [taskId],
  );
  for (const r of rows) t.addCodes(r.county_code as string, r.township_code as string, r.village_code as string).addDays(dateText(r.created_on), dateText(r.completed_on), dateText(r.overdue_on));
  return t;
}

type Payload<T extends EventType> = EventEnvelope<T>['payload'];

/** A reroute applies to a case not yet closed, and only when it is newer than the last one applied. */
const FOLLOWS = `(case_fact.closed_at IS NULL AND EXCLUDED.rerouted_at >= COALESCE(case_fact.rerouted_at, '-infinity'::timestamptz))`;

/**
 * Records one event as facts and returns the keys whose read models must be recomputed. Every
 * write is an upsert keyed by the fact's own id, so a repeated or late event never double counts.
 */
export async function applyFact(m: EntityManager, event: EventEnvelope, s: ProjectionSettings): Promise<Touch> {
  const tz = s.timeZone;
  switch (event.type) {
    case 'cases.judgment.effective': {
      const p = event.payload as Payload<'cases.judgment.effective'>;
      return onCase(m, p.caseId, () =>
        upsertCase(m, p.caseId, {
          case_number: p.caseNumber, judge_id: p.judgeId, cause_code: p.causeCode, cause_category: p.causeCategory, obligor_ids: p.obligorIds,
          amount_owed_fen: p.amountOwedFen, effective_date: p.effectiveDate, ...routingCols(p.villageCode, p.townshipCode),
        }, 'fill'),
      );
    }
    case 'cases.urging.started': {
      const p = event.payload as Payload<'cases.urging.started'>;
      return onCase(m, p.caseId, () =>
        upsertCase(m, p.caseId, { case_number: p.caseNumber, judge_id: p.judgeId, obligor_ids: p.obligorIds, urging_started_on: dayIn(p.startedAt, tz), ...routingCols(p.villageCode, p.townshipCode) }, 'fill'),
      );
    }
    case 'cases.urging.ended': {
      const p = event.payload as Payload<'cases.urging.ended'>;
      return onCase(m, p.caseId, () => upsertCase(m, p.caseId, { urging_ended_on: dayIn(p.endedAt, tz), urging_end_reason: p.reason }, 'overwrite'));
    }
    case 'cases.enforcement.filed': {
      const p = event.payload as Payload<'cases.enforcement.filed'>;
      return onCase(m, p.caseId, () =>
        upsertCase(m, p.caseId, {
          case_number: p.caseNumber, judge_id: p.judgeId, officer_id: p.officerId, obligor_ids: p.obligorIds, enforcement_filed: true,
          filed_on: dayIn(p.filedAt, tz), amount_applied_fen: p.amountAppliedFen, ...routingCols(p.villageCode, p.townshipCode),
        }, 'fill'),
      );
    }
    case 'cases.case.closed': {
      const p = event.payload as Payload<'cases.case.closed'>;
      return onCase(m, p.caseId, () =>
        upsertCase(m, p.caseId, {
          case_number: p.caseNumber, outcome: p.outcome, judge_id: p.judgeId, officer_id: p.officerId, cause_code: p.causeCode, cause_category: p.causeCategory,
          urged: p.urged, enforcement_filed: p.enforcementFiled, effective_date: p.effectiveDate, closed_at: p.closedAt, closed_on: dayIn(p.closedAt, tz),
          days_open: p.daysOpen, amount_applied_fen: p.amountAppliedFen, amount_recovered_fen: p.amountRecoveredFen, obligor_ids: p.obligorIds,
          ...routingCols(p.villageCode, p.townshipCode),
        }, 'overwrite'),
      );
    }
    case 'cases.case.rerouted': {
      // An open case follows its obligor; the latest reroute wins whatever order they arrive in, and a
      // closed case keeps the divisions it closed in.
      const p = event.payload as Payload<'cases.case.rerouted'>;
      const r = routingCols(p.villageCode, p.townshipCode);
      return onCase(m, p.caseId, async () => {
        await m.query(
          `INSERT INTO metrics.case_fact (case_id, case_number, county_code, township_code, village_code, rerouted_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (case_id) DO UPDATE SET
             county_code = CASE WHEN ${FOLLOWS} THEN EXCLUDED.county_code ELSE case_fact.county_code END,
             township_code = CASE WHEN ${FOLLOWS} THEN EXCLUDED.township_code ELSE case_fact.township_code END,
             village_code = CASE WHEN ${FOLLOWS} THEN EXCLUDED.village_code ELSE case_fact.village_code END,
             rerouted_at = CASE WHEN ${FOLLOWS} THEN EXCLUDED.rerouted_at ELSE case_fact.rerouted_at END,
             updated_at = now()`,
          [p.caseId, p.caseNumber, r.county_code, r.township_code, r.village_code, p.reroutedAt],
        );
      });
    }
    case 'cases.case.transitioned': {
      // A case terminated for this round (终本) and taken up again is open until it closes again; a
      // close newer than the reopening wins whatever order the two arrive in.
      const p = event.payload as Payload<'cases.case.transitioned'>;
      if (p.from !== 'TERMINATED_THIS_ROUND' || p.to !== 'IN_PROGRESS') return new Touch();
      return onCase(m, p.caseId, async () => {
        await m.query(
          `INSERT INTO metrics.case_fact (case_id, reopened_at, county_code, township_code, village_code) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (case_id) DO UPDATE SET reopened_at = GREATEST(case_fact.reopened_at, EXCLUDED.reopened_at), updated_at = now()`,
          [p.caseId, p.at, ...Object.values(routingCols(p.villageCode, p.townshipCode))],
        );
      });
    }
    case 'cases.performance.recorded': {
      const p = event.payload as Payload<'cases.performance.recorded'>;
      return onCase(m, p.caseId, async () => {
        await m.query(
          `INSERT INTO metrics.payment_fact (performance_id, case_id, amount_fen, source, paid_on, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (performance_id) DO NOTHING`,
          [p.performanceId, p.caseId, p.amountFen, p.source, p.paidOn, p.recordedAt],
        );
      });
    }
    case 'credit.listing.added':
    case 'credit.listing.removed': {
      const p = event.payload as Payload<'credit.listing.added'> & Partial<Payload<'credit.listing.removed'>>;
      const before = await listingKeys(m, p.listingId);
      const r = routingCols(p.villageCode, p.townshipCode);
      const removed = event.type === 'credit.listing.removed';
      await m.query(
        `INSERT INTO metrics.listing_fact (listing_id, party_id, case_id, county_code, township_code, village_code, listed_at, listed_on, removed_at, removed_on, removal_ground)
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
        [p.listingId, p.partyId, p.caseId, r.county_code, r.township_code, r.village_code, p.listedAt, dayIn(p.listedAt, tz),
          removed ? p.removedAt : null, removed ? dayIn(p.removedAt!, tz) : null, removed ? p.removalGround : null],
      );
      return before.add(await listingKeys(m, p.listingId));
    }
    case 'tasks.task.created':
    case 'tasks.task.completed':
    case 'tasks.task.overdue': {
      const p = event.payload as Payload<'tasks.task.created'> & Partial<Payload<'tasks.task.completed'>> & Partial<Payload<'tasks.task.overdue'>>;
      const before = await taskKeys(m, p.taskId);
      const r = routingOfCode(p.divisionCode);
      const completed = event.type === 'tasks.task.completed';
      const overdue = event.type === 'tasks.task.overdue';
      await m.query(
        `INSERT INTO metrics.task_fact (task_id, case_id, type, level, division_code, county_code, township_code, village_code, created_at, created_on, due_at,
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
        [
          p.taskId, p.caseId, p.type, p.level, p.divisionCode, r.county, r.township, r.village,
          p.createdAt ?? null, p.createdAt ? dayIn(p.createdAt, tz) : null, p.dueAt ?? null,
          completed ? p.completedAt : null, completed ? dayIn(p.completedAt!, tz) : null, completed ? p.status : null,
          overdue ? p.overdueAt : null, overdue ? dayIn(p.overdueAt!, tz) : null,
          // The creation event is the word on when a task was created; the others only fill it in.
          event.type === 'tasks.task.created',
        ],
      );
      return before.add(await taskKeys(m, p.taskId));
    }
    case 'tasks.meeting.held': {
      const p = event.payload as Payload<'tasks.meeting.held'>;
      const r = routingOf(p.villageCode, p.townshipCode);
      const heldOn = dayIn(p.heldAt, tz);
      const old: Row[] = await m.query(`SELECT to_char(held_on, 'YYYY-MM-DD') AS held_on FROM metrics.meeting_fact WHERE meeting_id = $1`, [p.meetingId]);
      await m.query(
        `INSERT INTO metrics.meeting_fact (meeting_id, county_code, township_code, village_code, held_at, held_on, invited, attended, paid_in_full, instalment_plans)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (meeting_id) DO UPDATE SET held_at = EXCLUDED.held_at, held_on = EXCLUDED.held_on, invited = EXCLUDED.invited,
           attended = EXCLUDED.attended, paid_in_full = EXCLUDED.paid_in_full, instalment_plans = EXCLUDED.instalment_plans`,
        [p.meetingId, r.county, r.township, r.village, p.heldAt, heldOn, p.invited, p.attended, p.paidInFull, p.instalmentPlans],
      );
      return new Touch().addCodes(r.county, r.township, r.village).addDays(heldOn, dateText(old[0]?.held_on));
    }
    case 'credit.link.changed': {
      const p = event.payload as Payload<'credit.link.changed'>;
      await m.query(
        `INSERT INTO metrics.partner_change_fact (change_id, department, changed_at) VALUES ($1, $2, $3)
         ON CONFLICT (change_id) DO UPDATE SET changed_at = COALESCE(partner_change_fact.changed_at, EXCLUDED.changed_at)`,
        [p.changeId, p.department, p.changedAt],
      );
      return new Touch().addCodes(s.countyCode);
    }
    case 'credit.partner.acknowledged': {
      const p = event.payload as Payload<'credit.partner.acknowledged'>;
      await m.query(
        `INSERT INTO metrics.partner_change_fact (change_id, department, acknowledged_at) VALUES ($1, $2, $3)
         ON CONFLICT (change_id) DO UPDATE SET acknowledged_at = COALESCE(partner_change_fact.acknowledged_at, EXCLUDED.acknowledged_at)`,
        [p.changeId, p.department, p.acknowledgedAt],
      );
      return new Touch().addCodes(s.countyCode);
    }
    case 'credit.partner.overdue': {
      const p = event.payload as Payload<'credit.partner.overdue'>;
      await m.query(
        `INSERT INTO metrics.partner_change_fact (change_id, department, overdue) SELECT id, $2, true FROM unnest($1::uuid[]) AS id
         ON CONFLICT (change_id) DO UPDATE SET overdue = true`,
        [p.changeIds, p.department],
      );
      return new Touch().addCodes(s.countyCode);
    }
    default:
      return new Touch();
  }
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
