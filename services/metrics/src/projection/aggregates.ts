import type { EntityManager } from 'typeorm';
import { levelOf, type ProjectionSettings } from './settings';
import type { Touch } from './facts';

/** A fact row belongs to a division when the division is its county, township or village. */
const inDivision = (alias: string) => `(${alias}.county_code = k.code OR ${alias}.township_code = k.code OR ${alias}.village_code = k.code)`;
const keysCte = `k AS (SELECT DISTINCT x.code, x.day FROM unnest($1::text[], $2::date[]) AS x(code, day))`;
const RESOLVED_OUTCOMES = `('PERFORMED_AFTER_URGING', 'COMPLETED', 'SETTLED_AND_PERFORMED')`;

/** Recomputes the daily figures and breakdowns of the given divisions on the given days from the facts. */
export async function recomputeDivisionDays(m: EntityManager, codes: string[], days: string[], s: ProjectionSettings): Promise<void> {
  const cs: string[] = [];
  const ds: string[] = [];
  for (const c of codes) for (const d of days) {
    cs.push(c);
    ds.push(d);
  }
  await recomputeDivisionDayPairs(m, cs, ds, s);
}

/** The same for explicit (division, day) pairs: `cs[i]` on `ds[i]`. */
async function recomputeDivisionDayPairs(m: EntityManager, cs: string[], ds: string[], s: ProjectionSettings): Promise<void> {
  if (!cs.length) return;
  await m.query(`WITH ${keysCte} DELETE FROM metrics.division_daily d USING k WHERE d.division_code = k.code AND d.day = k.day`, [cs, ds]);
  await m.query(`WITH ${keysCte} DELETE FROM metrics.division_daily_dim d USING k WHERE d.division_code = k.code AND d.day = k.day`, [cs, ds]);
  await m.query(
    `WITH ${keysCte}
     INSERT INTO metrics.division_daily (division_code, day, judgments_effective, performed_without_enforcement, closed_cases, completed_cases,
       performed_after_urging, settled_cases, days_open_sum, amount_applied_fen, amount_recovered_fen, old_cases_resolved, old_cases_amount_fen,
       urgings_started, urgings_performed, tasks_created, tasks_completed, tasks_overdue, meetings_held, meeting_invited, meeting_attended,
       meeting_paid_in_full, meeting_instalment_plans, listings_added, listings_removed, repayments_after_exposure, repayments_after_exposure_fen)
     SELECT k.code, k.day, c.*, t.*, mt.*, l.*, p.*
     FROM k
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE c.effective_date = k.day),
              count(*) FILTER (WHERE c.effective_date = k.day AND c.closed_on IS NOT NULL AND NOT c.enforcement_filed AND c.outcome IN ${RESOLVED_OUTCOMES}),
              count(*) FILTER (WHERE c.closed_on = k.day),
              count(*) FILTER (WHERE c.closed_on = k.day AND c.outcome = 'COMPLETED'),
              count(*) FILTER (WHERE c.closed_on = k.day AND c.outcome = 'PERFORMED_AFTER_URGING'),
              count(*) FILTER (WHERE c.closed_on = k.day AND c.outcome = 'SETTLED_AND_PERFORMED'),
              COALESCE(sum(c.days_open) FILTER (WHERE c.closed_on = k.day), 0),
              COALESCE(sum(c.amount_applied_fen) FILTER (WHERE c.closed_on = k.day), 0),
              COALESCE(sum(c.amount_recovered_fen) FILTER (WHERE c.closed_on = k.day), 0),
              count(*) FILTER (WHERE c.closed_on = k.day AND c.days_open >= $3),
              COALESCE(sum(c.amount_applied_fen) FILTER (WHERE c.closed_on = k.day AND c.days_open >= $3), 0),
              count(*) FILTER (WHERE c.urging_started_on = k.day),
              count(*) FILTER (WHERE c.urging_ended_on = k.day AND c.urging_end_reason = 'PERFORMED')
       FROM metrics.case_fact c
       WHERE ${inDivision('c')} AND (c.effective_date = k.day OR c.closed_on = k.day OR c.urging_started_on = k.day OR c.urging_ended_on = k.day)
     ) c
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE t.created_on = k.day),
              count(*) FILTER (WHERE t.completed_on = k.day AND t.completion_status = 'DONE'),
              count(*) FILTER (WHERE t.overdue_on = k.day)
       FROM metrics.task_fact t
       WHERE ${inDivision('t')} AND (t.created_on = k.day OR t.completed_on = k.day OR t.overdue_on = k.day)
     ) t
     CROSS JOIN LATERAL (
       SELECT count(*), COALESCE(sum(mt.invited), 0), COALESCE(sum(mt.attended), 0), COALESCE(sum(mt.paid_in_full), 0), COALESCE(sum(mt.instalment_plans), 0)
       FROM metrics.meeting_fact mt WHERE ${inDivision('mt')} AND mt.held_on = k.day
     ) mt
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE l.listed_on = k.day), count(*) FILTER (WHERE l.removed_on = k.day)
       FROM metrics.listing_fact l WHERE ${inDivision('l')} AND (l.listed_on = k.day OR l.removed_on = k.day)
     ) l
     CROSS JOIN LATERAL (
       SELECT count(*), COALESCE(sum(p.amount_fen), 0)
       FROM metrics.payment_fact p
       WHERE p.paid_on = k.day
         AND EXISTS (SELECT 1 FROM metrics.listing_fact l WHERE l.case_id = p.case_id AND l.listed_at <= p.recorded_at AND ${inDivision('l')})
     ) p`,
    [cs, ds, s.oldCaseDays],
  );
  await m.query(
    `WITH ${keysCte}
     INSERT INTO metrics.division_daily_dim (division_code, day, dim, key, n, amount_fen)
     SELECT k.code, k.day, 'OUTCOME', c.outcome, count(*), COALESCE(sum(c.amount_recovered_fen), 0)
       FROM k JOIN metrics.case_fact c ON c.closed_on = k.day AND ${inDivision('c')} WHERE c.outcome IS NOT NULL GROUP BY k.code, k.day, c.outcome
     UNION ALL
     SELECT k.code, k.day, 'DAYS_OPEN', c.days_open::text, count(*), 0
       FROM k JOIN metrics.case_fact c ON c.closed_on = k.day AND ${inDivision('c')} WHERE c.days_open IS NOT NULL GROUP BY k.code, k.day, c.days_open
     UNION ALL
     SELECT k.code, k.day, 'CAUSE', COALESCE(c.cause_category, 'UNKNOWN'), count(*), COALESCE(sum(c.amount_owed_fen), 0)
       FROM k JOIN metrics.case_fact c ON c.effective_date = k.day AND ${inDivision('c')} GROUP BY k.code, k.day, COALESCE(c.cause_category, 'UNKNOWN')
     UNION ALL
     SELECT k.code, k.day, 'TASK_CREATED', t.type || ':' || t.level, count(*), 0
       FROM k JOIN metrics.task_fact t ON t.created_on = k.day AND ${inDivision('t')} GROUP BY k.code, k.day, t.type, t.level
     UNION ALL
     SELECT k.code, k.day, 'TASK_DONE', t.type || ':' || t.level, count(*), 0
       FROM k JOIN metrics.task_fact t ON t.completed_on = k.day AND t.completion_status = 'DONE' AND ${inDivision('t')} GROUP BY k.code, k.day, t.type, t.level`,
    [cs, ds],
  );  await rollUpMonths(m, cs, ds);
}

const DAILY_COLUMNS = [
  'judgments_effective', 'performed_without_enforcement', 'closed_cases', 'completed_cases', 'performed_after_urging', 'settled_cases', 'days_open_sum',
  'amount_applied_fen', 'amount_recovered_fen', 'old_cases_resolved', 'old_cases_amount_fen', 'urgings_started', 'urgings_performed', 'tasks_created',
  'tasks_completed', 'tasks_overdue', 'meetings_held', 'meeting_invited', 'meeting_attended', 'meeting_paid_in_full', 'meeting_instalment_plans',
  'listings_added', 'listings_removed', 'repayments_after_exposure', 'repayments_after_exposure_fen',
];

/** Re-sums the monthly rows (and breakdowns) of the months the given division days fall in. */
async function rollUpMonths(m: EntityManager, cs: string[], ds: string[]): Promise<void> {
  const months = `mk AS (SELECT DISTINCT x.code, date_trunc('month', x.day)::date AS month FROM unnest($1::text[], $2::date[]) AS x(code, day))`;
  await m.query(`WITH ${months} DELETE FROM metrics.division_monthly d USING mk WHERE d.division_code = mk.code AND d.month = mk.month`, [cs, ds]);
  await m.query(`WITH ${months} DELETE FROM metrics.division_monthly_dim d USING mk WHERE d.division_code = mk.code AND d.month = mk.month`, [cs, ds]);
  await m.query(
    `WITH ${months}
     INSERT INTO metrics.division_monthly (division_code, month, ${DAILY_COLUMNS.join(', ')})
     SELECT mk.code, mk.month, ${DAILY_COLUMNS.map((c) => `sum(d.${c})`).join(', ')}
     FROM mk JOIN metrics.division_daily d ON d.division_code = mk.code AND d.day >= mk.month AND d.day < (mk.month + interval '1 month')
     GROUP BY mk.code, mk.month`,
    [cs, ds],
  );
  await m.query(
    `WITH ${months}
     INSERT INTO metrics.division_monthly_dim (division_code, month, dim, key, n, amount_fen)
     SELECT mk.code, mk.month, d.dim, d.key, sum(d.n), sum(d.amount_fen)
     FROM mk JOIN metrics.division_daily_dim d ON d.division_code = mk.code AND d.day >= mk.month AND d.day < (mk.month + interval '1 month')
     GROUP BY mk.code, mk.month, d.dim, d.key`,
    [cs, ds],
  );
}

/** Open: never closed, or reopened after its last close (终本 taken up again). */
const OPEN = (alias: string) => `(${alias}.closed_at IS NULL OR ${alias}.reopened_at > ${alias}.closed_at)`;
const HOME = (alias: string) => `COALESCE(${alias}.village_code, ${alias}.township_code, ${alias}.county_code)`;

/**
 * Recomputes the current state (open cases, listings, tasks) homed exactly in the given divisions.
 * Each reads only the open rows of one home division through a partial index, so the cost does not
 * grow with the county's history; a township or county state is summed at read time (snapshotSums).
 */
export async function recomputeSnapshots(m: EntityManager, codes: string[]): Promise<void> {
  if (!codes.length) return;
  await m.query(
    `WITH k AS (SELECT DISTINCT unnest($1::text[]) AS code)
     INSERT INTO metrics.division_snapshot (division_code, open_cases, obligors_with_open_cases, active_listings, listed_obligors, open_tasks, overdue_tasks, updated_at)
     SELECT k.code,
       (SELECT count(*) FROM metrics.case_fact c WHERE ${HOME('c')} = k.code AND ${OPEN('c')}),
       (SELECT count(DISTINCT o) FROM metrics.case_fact c CROSS JOIN LATERAL unnest(c.obligor_ids) AS o WHERE ${HOME('c')} = k.code AND ${OPEN('c')}),
       (SELECT count(*) FROM metrics.listing_fact l WHERE ${HOME('l')} = k.code AND l.removed_at IS NULL AND l.listed_at IS NOT NULL),
       (SELECT count(DISTINCT l.party_id) FROM metrics.listing_fact l WHERE ${HOME('l')} = k.code AND l.removed_at IS NULL AND l.listed_at IS NOT NULL),
       (SELECT count(*) FROM metrics.task_fact t WHERE t.division_code = k.code AND t.completed_at IS NULL),
       (SELECT count(*) FROM metrics.task_fact t WHERE t.division_code = k.code AND t.completed_at IS NULL AND t.overdue_at IS NOT NULL),
       now()
     FROM k
     ON CONFLICT (division_code) DO UPDATE SET open_cases = EXCLUDED.open_cases, obligors_with_open_cases = EXCLUDED.obligors_with_open_cases,
       active_listings = EXCLUDED.active_listings, listed_obligors = EXCLUDED.listed_obligors, open_tasks = EXCLUDED.open_tasks,
       overdue_tasks = EXCLUDED.overdue_tasks, updated_at = now()`,
    [codes],
  );
}

export interface SnapshotSums {
  open_cases: number;
  obligors_with_open_cases: number;
  active_listings: number;
  listed_obligors: number;
  open_tasks: number;
  overdue_tasks: number;
}

/** The current state of divisions: the sum over the home divisions under each (one statement). */
export async function snapshotSums(m: Pick<EntityManager, 'query'>, codes: readonly string[]): Promise<Map<string, SnapshotSums>> {
  const rows: (Record<keyof SnapshotSums, string> & { code: string })[] = await m.query(
    `SELECT k.code, sum(s.open_cases) AS open_cases, sum(s.obligors_with_open_cases) AS obligors_with_open_cases, sum(s.active_listings) AS active_listings,
            sum(s.listed_obligors) AS listed_obligors, sum(s.open_tasks) AS open_tasks, sum(s.overdue_tasks) AS overdue_tasks
     FROM unnest($1::text[]) AS k(code) JOIN metrics.division_snapshot s ON s.division_code LIKE k.code || '%'
     GROUP BY k.code`,
    [[...codes]],
  );
  return new Map(rows.map((r) => [r.code, {
    open_cases: Number(r.open_cases), obligors_with_open_cases: Number(r.obligors_with_open_cases), active_listings: Number(r.active_listings),
    listed_obligors: Number(r.listed_obligors), open_tasks: Number(r.open_tasks), overdue_tasks: Number(r.overdue_tasks),
  }]));
}

/** Recomputes the closed-case counts by outcome of the given judges on the given days. */
export async function recomputeJudgeDays(m: EntityManager, judgeDays: string[]): Promise<void> {
  if (!judgeDays.length) return;
  const judges = judgeDays.map((jd) => jd.split('|')[0]!);
  const days = judgeDays.map((jd) => jd.split('|')[1]!);
  await m.query(`DELETE FROM metrics.judge_daily j USING unnest($1::uuid[], $2::date[]) AS k(judge_id, day) WHERE j.judge_id = k.judge_id AND j.day = k.day`, [judges, days]);
  await m.query(
    `INSERT INTO metrics.judge_daily (judge_id, day, outcome, n)
     SELECT c.judge_id, c.closed_on, c.outcome, count(*)
     FROM (SELECT DISTINCT * FROM unnest($1::uuid[], $2::date[]) AS x(judge_id, day)) k
     JOIN metrics.case_fact c ON c.judge_id = k.judge_id AND c.closed_on = k.day
     WHERE c.outcome IS NOT NULL
     GROUP BY c.judge_id, c.closed_on, c.outcome`,
    [judges, days],
  );
}

/** Recomputes the all-time scores of judges (all when `judges` is null) under the active rule set. */
export async function recomputeJudgeScores(m: EntityManager, judges: string[] | null): Promise<void> {
  if (judges && !judges.length) return;
  const filter = judges ? `WHERE j.judge_id = ANY($1::uuid[])` : '';
  await m.query(`DELETE FROM metrics.judge_score j ${filter}`, judges ? [judges] : []);
  await m.query(
    `INSERT INTO metrics.judge_score (judge_id, rule_set_id, raw_count, weighted, updated_at)
     SELECT j.judge_id, rs.id, sum(j.n), sum(j.n * COALESCE((rs.weights ->> j.outcome)::numeric, 1)), now()
     FROM metrics.judge_daily j CROSS JOIN (SELECT id, weights FROM metrics.performance_rule_set WHERE status = 'ACTIVE') rs
     ${filter}
     GROUP BY j.judge_id, rs.id`,
    judges ? [judges] : [],
  );
}

/** Remembers the divisions a fact mentions (warnings and rankings iterate over them). */
export async function recordDivisions(m: EntityManager, codes: string[]): Promise<void> {
  if (!codes.length) return;
  await m.query(
    `INSERT INTO metrics.division_seen (code, level) SELECT c, l FROM unnest($1::text[], $2::text[]) AS x(c, l) ON CONFLICT (code) DO NOTHING`,
    [codes, codes.map(levelOf)],
  );
}

/** Brings every read model a touch affects back in line with the facts. */
export async function refresh(m: EntityManager, touch: Touch, s: ProjectionSettings): Promise<void> {
  const codes = [...touch.codes];
  await recordDivisions(m, codes);
  await recomputeDivisionDays(m, codes, [...touch.days], s);
  await recomputeSnapshots(m, codes);
  await recomputeJudgeDays(m, [...touch.judgeDays]);
  await recomputeJudgeScores(m, [...touch.judges]);
}

/** Recomputes every read model from the facts (after a replay of the event history). */
export async function recomputeAll(m: EntityManager, s: ProjectionSettings): Promise<void> {
  for (const t of ['division_daily', 'division_daily_dim', 'division_monthly', 'division_monthly_dim', 'division_snapshot', 'judge_daily', 'judge_score', 'division_seen']) await m.query(`TRUNCATE metrics.${t}`);
  const codes: string[] = (
    await m.query(
      `SELECT DISTINCT code FROM (
         SELECT unnest(ARRAY[county_code, township_code, village_code]) AS code FROM metrics.case_fact
         UNION SELECT unnest(ARRAY[county_code, township_code, village_code]) FROM metrics.task_fact
         UNION SELECT unnest(ARRAY[county_code, township_code, village_code]) FROM metrics.meeting_fact
         UNION SELECT unnest(ARRAY[county_code, township_code, village_code]) FROM metrics.listing_fact
         UNION SELECT $1::text) x WHERE code IS NOT NULL ORDER BY code`,
      [s.countyCode],
    )
  ).map((r: { code: string }) => r.code);
  await recordDivisions(m, codes);
  // Only the (division, day) pairs some fact counts on; every other pair is all zeros.
  const pairs: { code: string; day: string }[] = await m.query(
    `SELECT DISTINCT code, to_char(day, 'YYYY-MM-DD') AS day FROM (
       SELECT unnest(ARRAY[c.county_code, c.township_code, c.village_code]) AS code, d AS day
         FROM metrics.case_fact c CROSS JOIN LATERAL unnest(ARRAY[c.effective_date, c.closed_on, c.urging_started_on, c.urging_ended_on]) AS d
       UNION ALL
       SELECT unnest(ARRAY[t.county_code, t.township_code, t.village_code]), d
         FROM metrics.task_fact t CROSS JOIN LATERAL unnest(ARRAY[t.created_on, t.completed_on, t.overdue_on]) AS d
       UNION ALL
       SELECT unnest(ARRAY[mt.county_code, mt.township_code, mt.village_code]), mt.held_on FROM metrics.meeting_fact mt
       UNION ALL
       SELECT unnest(ARRAY[l.county_code, l.township_code, l.village_code]), d
         FROM metrics.listing_fact l CROSS JOIN LATERAL unnest(ARRAY[l.listed_on, l.removed_on]) AS d
       UNION ALL
       SELECT unnest(ARRAY[l.county_code, l.township_code, l.village_code]), p.paid_on
         FROM metrics.payment_fact p JOIN metrics.listing_fact l ON l.case_id = p.case_id
     ) x WHERE code IS NOT NULL AND day IS NOT NULL ORDER BY 1, 2`,
  );
  // In slices, so one statement never carries millions of keys.
  for (let i = 0; i < pairs.length; i += 2000) {
    const slice = pairs.slice(i, i + 2000);
    await recomputeDivisionDayPairs(m, slice.map((p) => p.code), slice.map((p) => p.day), s);
  }
  await recomputeSnapshots(m, codes);
  const judgeDays: string[] = (
    await m.query(`SELECT DISTINCT judge_id || '|' || to_char(closed_on, 'YYYY-MM-DD') AS jd FROM metrics.case_fact WHERE judge_id IS NOT NULL AND closed_on IS NOT NULL`)
  ).map((r: { jd: string }) => r.jd);
  for (let i = 0; i < judgeDays.length; i += 5000) await recomputeJudgeDays(m, judgeDays.slice(i, i + 5000));
  await recomputeJudgeScores(m, null);
}
