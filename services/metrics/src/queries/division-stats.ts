import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { sqlRows } from '@zhiyuan/db';
import { addDays, addMonths, daysBetween, divisionLevel, errors, isDivisionCode, isoDaySchema } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { snapshotSums, type SnapshotSums } from '../projection/aggregates';
import {
  ALL_PARTS,
  KPI_COLUMNS,
  partsFor,
  kpiValue,
  medianOf,
  ratio,
  SUM_COLUMNS,
  toSums,
  zeroSums,
  type DivisionStatsModel,
  type Kpi,
  type StatsParts,
  type Sums,
} from '../projection/kpis';
import { resolvePeriod, type Period } from '../projection/period';
import { levelOf, type DivisionLevel } from '../projection/settings';
import { requireReadDivision } from '../policy';
import type { Loaders } from './loaders';

const sumSelect = SUM_COLUMNS.map((c) => `COALESCE(sum(${c}), 0)::bigint AS ${c}`).join(', ');

/**
 * The rows of a period: whole months from the monthly tables, the days before the first and after
 * the last whole month from the daily ones. `table` is `division` or `division_` + a suffix
 * (`_dim`); `columns` are selected from both as they are named alike. Parameters start at `$from`.
 */
export function periodRows(
  table: '' | '_dim',
  columns: string,
  where: string,
  period: Period,
  from: number,
): { sql: string; params: unknown[] } {
  const firstWhole = monthStart(period.from) === period.from ? period.from : nextMonth(period.from);
  const afterLastWhole = monthStart(addDay(period.to));
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${from + params.length - 1}`;
  };
  if (firstWhole < afterLastWhole) {
    parts.push(
      `SELECT ${columns} FROM metrics.division_monthly${table} WHERE ${where} AND month >= ${p(firstWhole)} AND month < ${p(afterLastWhole)}`,
    );
    if (period.from < firstWhole)
      parts.push(
        `SELECT ${columns} FROM metrics.division_daily${table} WHERE ${where} AND day >= ${p(period.from)} AND day < ${p(firstWhole)}`,
      );
    if (afterLastWhole <= period.to)
      parts.push(
        `SELECT ${columns} FROM metrics.division_daily${table} WHERE ${where} AND day >= ${p(afterLastWhole)} AND day <= ${p(period.to)}`,
      );
  } else {
    parts.push(
      `SELECT ${columns} FROM metrics.division_daily${table} WHERE ${where} AND day BETWEEN ${p(period.from)} AND ${p(period.to)}`,
    );
  }
  return { sql: parts.join(' UNION ALL '), params };
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => addMonths(monthStart(day), 1);
const addDay = (day: string) => addDays(day, 1);

interface DimRow {
  code: string;
  dim: string;
  key: string;
  n: string;
  amount: string;
}

/**
 * Figures of several divisions over one period, from the daily read models: at most three
 * statements whatever the number of divisions (sums, breakdowns, current state), the last two only
 * when asked for. Figures of a part not read are left at zero.
 */
export async function loadDivisionStats(
  ds: DataSource,
  codes: readonly string[],
  period: Period,
  parts: StatsParts = ALL_PARTS,
): Promise<DivisionStatsModel[]> {
  const list = [...codes];
  const sumPart = periodRows('', `division_code, ${SUM_COLUMNS.join(', ')}`, 'division_code = ANY($1)', period, 2);
  const dimPart = periodRows(
    '_dim',
    'division_code, dim, key, n, amount_fen',
    `division_code = ANY($1) AND dim IN ('OUTCOME', 'DAYS_OPEN', 'TASK_CREATED', 'TASK_DONE')`,
    period,
    2,
  );
  const [sumRows, dimRows, snapRows] = await Promise.all([
    sqlRows<Record<string, string> & { code: string }>(
      ds,
      `SELECT division_code AS code, ${sumSelect} FROM (${sumPart.sql}) r GROUP BY division_code`,
      [list, ...sumPart.params],
    ),
    parts.dims
      ? sqlRows<DimRow>(
          ds,
          `SELECT division_code AS code, dim, key, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount FROM (${dimPart.sql}) r GROUP BY division_code, dim, key`,
          [list, ...dimPart.params],
        )
      : ([] as DimRow[]),
    parts.snapshot ? snapshotSums(ds, list) : new Map<string, SnapshotSums>(),
  ]);
  const sums = new Map<string, Sums>(sumRows.map((r) => [r.code, toSums(r)]));
  const dims = new Map<string, { dim: string; key: string; n: number; amount: number }[]>();
  for (const r of dimRows) {
    const l = dims.get(r.code) ?? [];
    l.push({ dim: r.dim, key: r.key, n: Number(r.n), amount: Number(r.amount) });
    dims.set(r.code, l);
  }
  return list.map((code) =>
    buildStats(code, period, sums.get(code) ?? zeroSums(), dims.get(code) ?? [], snapRows.get(code)),
  );
}

function buildStats(
  code: string,
  period: Period,
  s: Sums,
  dims: { dim: string; key: string; n: number; amount: number }[],
  snap: SnapshotSums | undefined,
): DivisionStatsModel {
  const histogram = new Map<number, number>();
  const assistance = new Map<string, { taskType: string; level: DivisionLevel; created: number; completed: number }>();
  const outcomes: DivisionStatsModel['outcomes'] = [];
  for (const d of dims) {
    if (d.dim === 'DAYS_OPEN') histogram.set(Number(d.key), (histogram.get(Number(d.key)) ?? 0) + d.n);
    else if (d.dim === 'OUTCOME') outcomes.push({ outcome: d.key, count: d.n, amountRecoveredFen: d.amount });
    else {
      const [taskType, level] = d.key.split(':') as [string, DivisionLevel];
      const a = assistance.get(d.key) ?? { taskType, level, created: 0, completed: 0 };
      if (d.dim === 'TASK_CREATED') a.created += d.n;
      else a.completed += d.n;
      assistance.set(d.key, a);
    }
  }
  const listed = snap?.listed_obligors ?? 0;
  const obligors = snap?.obligors_with_open_cases ?? 0;
  return {
    divisionCode: code,
    level: levelOf(code),
    period,
    judgmentsEffective: s.judgments_effective,
    performedWithoutEnforcement: s.performed_without_enforcement,
    voluntaryPerformanceRate: kpiValue('VOLUNTARY_PERFORMANCE_RATE', s),
    closedCases: s.closed_cases,
    completedCases: s.completed_cases,
    performedAfterUrging: s.performed_after_urging,
    settledCases: s.settled_cases,
    completionRate: kpiValue('COMPLETION_RATE', s),
    actualEnforcementRate: kpiValue('ACTUAL_ENFORCEMENT_RATE', s),
    amountAppliedFen: s.amount_applied_fen,
    amountRecoveredFen: s.amount_recovered_fen,
    amountRecoveredRate: kpiValue('AMOUNT_RECOVERED_RATE', s),
    averageDaysToClose: kpiValue('AVERAGE_DAYS_TO_CLOSE', s),
    medianDaysToClose: medianOf(histogram),
    oldCasesResolved: s.old_cases_resolved,
    oldCasesAmountFen: s.old_cases_amount_fen,
    urgingsStarted: s.urgings_started,
    urgingsPerformed: s.urgings_performed,
    tasksCreated: s.tasks_created,
    tasksCompleted: s.tasks_completed,
    tasksOverdue: s.tasks_overdue,
    assistance: [...assistance.values()].sort(
      (a, b) => a.taskType.localeCompare(b.taskType) || a.level.localeCompare(b.level),
    ),
    meetingsHeld: s.meetings_held,
    meetingInvited: s.meeting_invited,
    meetingAttended: s.meeting_attended,
    attendanceRate: ratio(s.meeting_attended, s.meeting_invited),
    meetingPaidInFull: s.meeting_paid_in_full,
    meetingInstalmentPlans: s.meeting_instalment_plans,
    listingsAdded: s.listings_added,
    listingsRemoved: s.listings_removed,
    repaymentsAfterExposure: s.repayments_after_exposure,
    repaymentsAfterExposureFen: s.repayments_after_exposure_fen,
    cameForward: s.came_forward,
    cameForwardRelieved: s.came_forward_relieved,
    cameForwardReliefRate: kpiValue('CAME_FORWARD_RELIEF_RATE', s),
    revivedCases: s.revived_cases,
    revivedRecoveredFen: s.revived_recovered_fen,
    outcomes: outcomes.sort((a, b) => a.outcome.localeCompare(b.outcome)),
    current: {
      openCases: snap?.open_cases ?? 0,
      obligorsWithOpenCases: obligors,
      activeListings: snap?.active_listings ?? 0,
      listedObligors: listed,
      dishonestyRate: ratio(listed, obligors),
      openTasks: snap?.open_tasks ?? 0,
      overdueTasks: snap?.overdue_tasks ?? 0,
    },
  };
}

export type Granularity = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';
const STEP: Record<Granularity, string> = { DAY: '1 day', MONTH: '1 month', QUARTER: '3 months', YEAR: '1 year' };

/** A KPI per bucket (day, month, quarter, year) between two days, every bucket present. */
export async function loadSeries(
  ds: DataSource,
  code: string,
  kpi: Kpi,
  from: string,
  to: string,
  g: Granularity,
): Promise<{ start: string; value: number | null }[]> {
  const rows = await sqlRows<Record<string, string>>(
    ds,
    `WITH b AS (SELECT generate_series(date_trunc($4, $2::date), $3::date, $5::interval)::date AS start)
     SELECT to_char(b.start, 'YYYY-MM-DD') AS start, ${KPI_COLUMNS[kpi].map((c) => `COALESCE(sum(d.${c}), 0)::bigint AS ${c}`).join(', ')}
     FROM b LEFT JOIN metrics.division_daily d
       ON d.division_code = $1 AND d.day BETWEEN $2 AND $3 AND date_trunc($4, d.day)::date = b.start
     GROUP BY b.start ORDER BY b.start`,
    [code, from, to, g.toLowerCase(), STEP[g]],
  );
  return rows.map((r) => ({ start: r.start as string, value: kpiValue(kpi, toSums(r)) }));
}

/**
 * Child divisions (townships of a county, villages of a township) ranked by a KPI, highest first
 * (one statement). Only the KPI's own columns are summed, each child's rows read by the primary key.
 */
export async function loadRanking(
  ds: DataSource,
  parentCode: string,
  kpi: Kpi,
  period: Period,
): Promise<{ rank: number; code: string; value: number | null }[]> {
  const childLevel = parentCode.length === 6 ? 'TOWNSHIP' : 'VILLAGE';
  const columns = KPI_COLUMNS[kpi];
  const part = periodRows('', columns.join(', '), 'division_code = c.code', period, 3);
  const rows = await sqlRows<Record<string, string>>(
    ds,
    `WITH c AS (SELECT code FROM metrics.division_seen WHERE level = $1 AND code LIKE $2)
     SELECT c.code, ${columns.map((col) => `COALESCE(sum(r.${col}), 0)::bigint AS ${col}`).join(', ')}
     FROM c LEFT JOIN LATERAL (${part.sql}) r ON true GROUP BY c.code`,
    [childLevel, `${parentCode}%`, ...part.params],
  );
  const values = rows.map((r) => ({ code: r.code as string, value: kpiValue(kpi, toSums(r)) }));
  values.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.code.localeCompare(b.code));
  return values.map((v, i) => ({ rank: i + 1, ...v }));
}

/** Judgments effective by cause category in a period. */
export async function loadDisputes(
  ds: DataSource,
  code: string,
  period: Period,
): Promise<{ causeCategory: string; cases: number; amountOwedFen: number }[]> {
  const rows = await sqlRows<{ key: string; n: string; amount: string }>(
    ds,
    `SELECT key, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount FROM metrics.division_daily_dim
     WHERE division_code = $1 AND dim = 'CAUSE' AND day BETWEEN $2 AND $3 GROUP BY key ORDER BY sum(n) DESC, key`,
    [code, period.from, period.to],
  );
  return rows.map((r) => ({ causeCategory: r.key, cases: Number(r.n), amountOwedFen: Number(r.amount) }));
}

export async function loadDisputeSeries(
  ds: DataSource,
  code: string,
  from: string,
  to: string,
  g: Granularity,
): Promise<{ start: string; causeCategory: string; cases: number }[]> {
  const rows = await sqlRows<{ start: string; key: string; n: string }>(
    ds,
    `SELECT to_char(date_trunc($4, day)::date, 'YYYY-MM-DD') AS start, key, sum(n)::bigint AS n FROM metrics.division_daily_dim
     WHERE division_code = $1 AND dim = 'CAUSE' AND day BETWEEN $2 AND $3 GROUP BY 1, key ORDER BY 1, key`,
    [code, from, to, g.toLowerCase()],
  );
  return rows.map((r) => ({ start: r.start, causeCategory: r.key, cases: Number(r.n) }));
}

const code = z.string().refine(isDivisionCode, 'a 6, 9 or 12 digit division code');
// Argument schemas are built once: a zod object schema built per request is compiled again on its first parse.
const codeArgs = z.object({ code });
const parentCodeArgs = z.object({
  parentCode: z
    .string()
    .refine((c) => divisionLevel(c) === 'COUNTY' || divisionLevel(c) === 'TOWNSHIP', 'a county or township code'),
});
const rangeArgs = z
  .object({ from: isoDaySchema, to: isoDaySchema })
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'to must not be before from' })
  .refine((v) => daysBetween(v.from, v.to) <= 3660, { path: ['to'], message: 'at most 3660 days' });

function parseRange(args: { from: string; to: string; granularity?: string | null }) {
  const r = parseInput(rangeArgs, { from: args.from, to: args.to });
  return { ...r, granularity: (args.granularity ?? 'MONTH') as Granularity };
}

/** The code of a division the caller may read (VALIDATION_FAILED naming `code`, else FORBIDDEN). */
function readableCode(identity: Identity, value: unknown): string {
  const c = parseInput(codeArgs, { code: value }).code;
  requireReadDivision(identity, c);
  return c;
}

/** A division's figures over a period, only the parts the selected fields need (through the request's loader). */
export async function divisionStats(
  identity: Identity,
  loaders: Loaders,
  args: { code: unknown; period: unknown },
  fields: ReadonlySet<string>,
): Promise<DivisionStatsModel> {
  const c = readableCode(identity, args.code);
  return loaders.stats({ period: resolvePeriod(args.period), parts: partsFor(fields) }).load(c);
}

/** A division's figures, for an entity reference: nothing but what the caller may read. */
export async function statsOfDivision(
  identity: Identity,
  loaders: Loaders,
  code: string,
  period: unknown,
  fields: ReadonlySet<string>,
): Promise<DivisionStatsModel> {
  requireReadDivision(identity, code);
  return loaders.stats({ period: resolvePeriod(period), parts: partsFor(fields) }).load(code);
}

export async function divisionSeries(
  ds: DataSource,
  identity: Identity,
  args: { code: unknown; kpi: Kpi; from: string; to: string; granularity?: string | null },
) {
  const c = readableCode(identity, args.code);
  const r = parseRange(args);
  if (r.granularity === 'DAY' && daysBetween(r.from, r.to) > 366)
    throw errors.validation('to', 'a daily series spans at most 366 days');
  return loadSeries(ds, c, args.kpi, r.from, r.to, r.granularity);
}

export async function divisionRanking(
  ds: DataSource,
  identity: Identity,
  args: { parentCode: unknown; kpi: Kpi; period: unknown },
) {
  const c = parseInput(parentCodeArgs, { parentCode: args.parentCode }).parentCode;
  requireReadDivision(identity, c);
  return loadRanking(ds, c, args.kpi, resolvePeriod(args.period));
}

export async function disputeStats(ds: DataSource, identity: Identity, args: { code: unknown; period: unknown }) {
  const c = readableCode(identity, args.code);
  return loadDisputes(ds, c, resolvePeriod(args.period));
}

export async function disputeSeries(
  ds: DataSource,
  identity: Identity,
  args: { code: unknown; from: string; to: string; granularity?: string | null },
) {
  const c = readableCode(identity, args.code);
  const r = parseRange(args);
  return loadDisputeSeries(ds, c, r.from, r.to, r.granularity);
}
