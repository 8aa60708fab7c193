import type { DataSource } from 'typeorm';
import { DAILY_COLUMNS, snapshotSums, type SnapshotSums } from './aggregates';
import { levelOf, type DivisionLevel } from './settings';
import type { Period } from './period';

/** The daily columns summed over a period: every summable column of the daily read model. */
export const SUM_COLUMNS = DAILY_COLUMNS;
export type Sums = Record<(typeof SUM_COLUMNS)[number], number>;

const sumSelect = SUM_COLUMNS.map((c) => `COALESCE(sum(${c}), 0)::bigint AS ${c}`).join(', ');
const zeroSums = (): Sums => Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums;
const toSums = (row: Record<string, unknown>): Sums => Object.fromEntries(SUM_COLUMNS.map((c) => [c, Number(row[c] ?? 0)])) as Sums;

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export type Kpi =
  | 'JUDGMENTS_EFFECTIVE' | 'VOLUNTARY_PERFORMANCE_RATE' | 'CLOSED_CASES' | 'COMPLETION_RATE' | 'ACTUAL_ENFORCEMENT_RATE' | 'AMOUNT_RECOVERED_FEN'
  | 'AMOUNT_RECOVERED_RATE' | 'AVERAGE_DAYS_TO_CLOSE' | 'OLD_CASES_RESOLVED' | 'URGINGS_STARTED' | 'URGINGS_PERFORMED' | 'MEETINGS_HELD'
  | 'LISTINGS_ADDED' | 'REPAYMENTS_AFTER_EXPOSURE';

type SumColumn = (typeof SUM_COLUMNS)[number];

/** The summed figures each KPI is computed from (kpiValue reads no other): a ranking or series sums only these. */
export const KPI_COLUMNS: Record<Kpi, readonly SumColumn[]> = {
  JUDGMENTS_EFFECTIVE: ['judgments_effective'],
  VOLUNTARY_PERFORMANCE_RATE: ['performed_without_enforcement', 'judgments_effective'],
  CLOSED_CASES: ['closed_cases'],
  COMPLETION_RATE: ['completed_cases', 'closed_cases'],
  ACTUAL_ENFORCEMENT_RATE: ['completed_cases', 'performed_after_urging', 'settled_cases', 'closed_cases'],
  AMOUNT_RECOVERED_FEN: ['amount_recovered_fen'],
  AMOUNT_RECOVERED_RATE: ['amount_recovered_fen', 'amount_applied_fen'],
  AVERAGE_DAYS_TO_CLOSE: ['days_open_sum', 'closed_cases'],
  OLD_CASES_RESOLVED: ['old_cases_resolved'],
  URGINGS_STARTED: ['urgings_started'],
  URGINGS_PERFORMED: ['urgings_performed'],
  MEETINGS_HELD: ['meetings_held'],
  LISTINGS_ADDED: ['listings_added'],
  REPAYMENTS_AFTER_EXPOSURE: ['repayments_after_exposure'],
};

/** The KPI definitions of docs/metrics.md, from summed daily figures. */
export function kpiValue(kpi: Kpi, s: Sums): number | null {
  switch (kpi) {
    case 'JUDGMENTS_EFFECTIVE': return s.judgments_effective;
    case 'VOLUNTARY_PERFORMANCE_RATE': return ratio(s.performed_without_enforcement, s.judgments_effective);
    case 'CLOSED_CASES': return s.closed_cases;
    case 'COMPLETION_RATE': return ratio(s.completed_cases, s.closed_cases);
    case 'ACTUAL_ENFORCEMENT_RATE': return ratio(s.completed_cases + s.performed_after_urging + s.settled_cases, s.closed_cases);
    case 'AMOUNT_RECOVERED_FEN': return s.amount_recovered_fen;
    case 'AMOUNT_RECOVERED_RATE': return ratio(s.amount_recovered_fen, s.amount_applied_fen);
    case 'AVERAGE_DAYS_TO_CLOSE': return ratio(s.days_open_sum, s.closed_cases);
    case 'OLD_CASES_RESOLVED': return s.old_cases_resolved;
    case 'URGINGS_STARTED': return s.urgings_started;
    case 'URGINGS_PERFORMED': return s.urgings_performed;
    case 'MEETINGS_HELD': return s.meetings_held;
    case 'LISTINGS_ADDED': return s.listings_added;
    case 'REPAYMENTS_AFTER_EXPOSURE': return s.repayments_after_exposure;
  }
}

export interface DivisionStatsModel {
  divisionCode: string;
  level: DivisionLevel;
  period: Period;
  judgmentsEffective: number;
  performedWithoutEnforcement: number;
  voluntaryPerformanceRate: number | null;
  closedCases: number;
  completedCases: number;
  performedAfterUrging: number;
  settledCases: number;
  completionRate: number | null;
  actualEnforcementRate: number | null;
  amountAppliedFen: number;
  amountRecoveredFen: number;
  amountRecoveredRate: number | null;
  averageDaysToClose: number | null;
  medianDaysToClose: number | null;
  oldCasesResolved: number;
  oldCasesAmountFen: number;
  urgingsStarted: number;
  urgingsPerformed: number;
  tasksCreated: number;
  tasksCompleted: number;
  tasksOverdue: number;
  assistance: { taskType: string; level: DivisionLevel; created: number; completed: number }[];
  meetingsHeld: number;
  meetingInvited: number;
  meetingAttended: number;
  attendanceRate: number | null;
  meetingPaidInFull: number;
  meetingInstalmentPlans: number;
  listingsAdded: number;
  listingsRemoved: number;
  repaymentsAfterExposure: number;
  repaymentsAfterExposureFen: number;
  outcomes: { outcome: string; count: number; amountRecoveredFen: number }[];
  current: {
    openCases: number;
    obligorsWithOpenCases: number;
    activeListings: number;
    listedObligors: number;
    dishonestyRate: number | null;
    openTasks: number;
    overdueTasks: number;
  };
}

/** Median of a histogram of days open: the middle value, or the mean of the two middle values. */
export function medianOf(histogram: Map<number, number>): number | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((t, [, n]) => t + n, 0);
  if (!total) return null;
  const at = (pos: number) => {
    let seen = 0;
    for (const [v, n] of entries) {
      seen += n;
      if (seen > pos) return v;
    }
    return entries.at(-1)![0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * The rows of a period: whole months from the monthly tables, the days before the first and after
 * the last whole month from the daily ones. `table` is `division` or `division_` + a suffix
 * (`_dim`); `columns` are selected from both as they are named alike. Parameters start at `$from`.
 */
export function periodRows(table: '' | '_dim', columns: string, where: string, period: Period, from: number): { sql: string; params: unknown[] } {
  const firstWhole = monthStart(period.from) === period.from ? period.from : nextMonth(period.from);
  const afterLastWhole = monthStart(addDay(period.to));
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${from + params.length - 1}`;
  };
  if (firstWhole < afterLastWhole) {
    parts.push(`SELECT ${columns} FROM metrics.division_monthly${table} WHERE ${where} AND month >= ${p(firstWhole)} AND month < ${p(afterLastWhole)}`);
    if (period.from < firstWhole) parts.push(`SELECT ${columns} FROM metrics.division_daily${table} WHERE ${where} AND day >= ${p(period.from)} AND day < ${p(firstWhole)}`);
    if (afterLastWhole <= period.to) parts.push(`SELECT ${columns} FROM metrics.division_daily${table} WHERE ${where} AND day >= ${p(afterLastWhole)} AND day <= ${p(period.to)}`);
  } else {
    parts.push(`SELECT ${columns} FROM metrics.division_daily${table} WHERE ${where} AND day BETWEEN ${p(period.from)} AND ${p(period.to)}`);
  }
  return { sql: parts.join(' UNION ALL '), params };
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function nextMonth(day: string): string {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
function addDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Which of the three reads a request needs besides the sums: breakdowns (median, outcomes, assistance), current state. */
export interface StatsParts {
  dims: boolean;
  snapshot: boolean;
}
export const ALL_PARTS: StatsParts = { dims: true, snapshot: true };
const DIM_FIELDS = new Set(['medianDaysToClose', 'outcomes', 'assistance']);

/** The parts the fields asked for need (a dashboard of sums reads the sums only). */
export function partsFor(fields: ReadonlySet<string>): StatsParts {
  return { dims: [...DIM_FIELDS].some((f) => fields.has(f)), snapshot: fields.has('current') };
}

/**
 * Figures of several divisions over one period, from the daily read models: at most three
 * statements whatever the number of divisions (sums, breakdowns, current state), the last two only
 * when asked for. Figures of a part not read are left at zero.
 */
export async function loadDivisionStats(ds: DataSource, codes: readonly string[], period: Period, parts: StatsParts = ALL_PARTS): Promise<DivisionStatsModel[]> {
  const list = [...codes];
  const sumPart = periodRows('', `division_code, ${SUM_COLUMNS.join(', ')}`, 'division_code = ANY($1)', period, 2);
  const dimPart = periodRows('_dim', 'division_code, dim, key, n, amount_fen', `division_code = ANY($1) AND dim IN ('OUTCOME', 'DAYS_OPEN', 'TASK_CREATED', 'TASK_DONE')`, period, 2);
  const [sumRows, dimRows, snapRows] = await Promise.all([
    ds.query(`SELECT division_code AS code, ${sumSelect} FROM (${sumPart.sql}) r GROUP BY division_code`, [list, ...sumPart.params]),
    parts.dims
      ? ds.query(
          `SELECT division_code AS code, dim, key, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount FROM (${dimPart.sql}) r GROUP BY division_code, dim, key`,
          [list, ...dimPart.params],
        )
      : [],
    parts.snapshot ? snapshotSums(ds, list) : new Map<string, SnapshotSums>(),
  ]);
  const sums = new Map<string, Sums>(sumRows.map((r: Record<string, unknown>) => [r.code as string, toSums(r)]));
  const dims = new Map<string, { dim: string; key: string; n: number; amount: number }[]>();
  for (const r of dimRows as { code: string; dim: string; key: string; n: string; amount: string }[]) {
    const l = dims.get(r.code) ?? [];
    l.push({ dim: r.dim, key: r.key, n: Number(r.n), amount: Number(r.amount) });
    dims.set(r.code, l);
  }
  return list.map((code) => buildStats(code, period, sums.get(code) ?? zeroSums(), dims.get(code) ?? [], snapRows.get(code)));
}

function buildStats(code: string, period: Period, s: Sums, dims: { dim: string; key: string; n: number; amount: number }[], snap: SnapshotSums | undefined): DivisionStatsModel {
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
    assistance: [...assistance.values()].sort((a, b) => a.taskType.localeCompare(b.taskType) || a.level.localeCompare(b.level)),
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
export async function loadSeries(ds: DataSource, code: string, kpi: Kpi, from: string, to: string, g: Granularity): Promise<{ start: string; value: number | null }[]> {
  const rows: Record<string, unknown>[] = await ds.query(
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
export async function loadRanking(ds: DataSource, parentCode: string, kpi: Kpi, period: Period): Promise<{ rank: number; code: string; value: number | null }[]> {
  const childLevel = parentCode.length === 6 ? 'TOWNSHIP' : 'VILLAGE';
  const columns = KPI_COLUMNS[kpi];
  const part = periodRows('', columns.join(', '), 'division_code = c.code', period, 3);
  const rows: Record<string, unknown>[] = await ds.query(
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
export async function loadDisputes(ds: DataSource, code: string, period: Period): Promise<{ causeCategory: string; cases: number; amountOwedFen: number }[]> {
  const rows: { key: string; n: string; amount: string }[] = await ds.query(
    `SELECT key, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount FROM metrics.division_daily_dim
     WHERE division_code = $1 AND dim = 'CAUSE' AND day BETWEEN $2 AND $3 GROUP BY key ORDER BY sum(n) DESC, key`,
    [code, period.from, period.to],
  );
  return rows.map((r) => ({ causeCategory: r.key, cases: Number(r.n), amountOwedFen: Number(r.amount) }));
}

export async function loadDisputeSeries(ds: DataSource, code: string, from: string, to: string, g: Granularity): Promise<{ start: string; causeCategory: string; cases: number }[]> {
  const rows: { start: string; key: string; n: string }[] = await ds.query(
    `SELECT to_char(date_trunc($4, day)::date, 'YYYY-MM-DD') AS start, key, sum(n)::bigint AS n FROM metrics.division_daily_dim
     WHERE division_code = $1 AND dim = 'CAUSE' AND day BETWEEN $2 AND $3 GROUP BY 1, key ORDER BY 1, key`,
    [code, from, to, g.toLowerCase()],
  );
  return rows.map((r) => ({ start: r.start, causeCategory: r.key, cases: Number(r.n) }));
}
