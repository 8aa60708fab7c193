import { DAILY_COLUMNS } from './aggregates';
import type { DivisionLevel } from './settings';
import type { Period } from './period';

/** The daily columns summed over a period: every summable column of the daily read model. */
export const SUM_COLUMNS = DAILY_COLUMNS;
export type Sums = Record<(typeof SUM_COLUMNS)[number], number>;

export const zeroSums = (): Sums => Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums;
export const toSums = (row: Record<string, unknown>): Sums =>
  Object.fromEntries(SUM_COLUMNS.map((c) => [c, Number(row[c] ?? 0)])) as Sums;

export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export type Kpi =
  | 'JUDGMENTS_EFFECTIVE'
  | 'VOLUNTARY_PERFORMANCE_RATE'
  | 'CLOSED_CASES'
  | 'COMPLETION_RATE'
  | 'ACTUAL_ENFORCEMENT_RATE'
  | 'AMOUNT_RECOVERED_FEN'
  | 'AMOUNT_RECOVERED_RATE'
  | 'AVERAGE_DAYS_TO_CLOSE'
  | 'OLD_CASES_RESOLVED'
  | 'URGINGS_STARTED'
  | 'URGINGS_PERFORMED'
  | 'MEETINGS_HELD'
  | 'LISTINGS_ADDED'
  | 'REPAYMENTS_AFTER_EXPOSURE'
  | 'CAME_FORWARD'
  | 'CAME_FORWARD_RELIEVED'
  | 'CAME_FORWARD_RELIEF_RATE'
  | 'REVIVED_CASES'
  | 'REVIVED_RECOVERED_FEN';

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
  CAME_FORWARD: ['came_forward'],
  CAME_FORWARD_RELIEVED: ['came_forward_relieved'],
  CAME_FORWARD_RELIEF_RATE: ['came_forward_relieved', 'came_forward'],
  REVIVED_CASES: ['revived_cases'],
  REVIVED_RECOVERED_FEN: ['revived_recovered_fen'],
};

/** The KPI definitions of docs/metrics.md, from summed daily figures. */
export function kpiValue(kpi: Kpi, s: Sums): number | null {
  switch (kpi) {
    case 'JUDGMENTS_EFFECTIVE':
      return s.judgments_effective;
    case 'VOLUNTARY_PERFORMANCE_RATE':
      return ratio(s.performed_without_enforcement, s.judgments_effective);
    case 'CLOSED_CASES':
      return s.closed_cases;
    case 'COMPLETION_RATE':
      return ratio(s.completed_cases, s.closed_cases);
    case 'ACTUAL_ENFORCEMENT_RATE':
      return ratio(s.completed_cases + s.performed_after_urging + s.settled_cases, s.closed_cases);
    case 'AMOUNT_RECOVERED_FEN':
      return s.amount_recovered_fen;
    case 'AMOUNT_RECOVERED_RATE':
      return ratio(s.amount_recovered_fen, s.amount_applied_fen);
    case 'AVERAGE_DAYS_TO_CLOSE':
      return ratio(s.days_open_sum, s.closed_cases);
    case 'OLD_CASES_RESOLVED':
      return s.old_cases_resolved;
    case 'URGINGS_STARTED':
      return s.urgings_started;
    case 'URGINGS_PERFORMED':
      return s.urgings_performed;
    case 'MEETINGS_HELD':
      return s.meetings_held;
    case 'LISTINGS_ADDED':
      return s.listings_added;
    case 'REPAYMENTS_AFTER_EXPOSURE':
      return s.repayments_after_exposure;
    case 'CAME_FORWARD':
      return s.came_forward;
    case 'CAME_FORWARD_RELIEVED':
      return s.came_forward_relieved;
    case 'CAME_FORWARD_RELIEF_RATE':
      return ratio(s.came_forward_relieved, s.came_forward);
    case 'REVIVED_CASES':
      return s.revived_cases;
    case 'REVIVED_RECOVERED_FEN':
      return s.revived_recovered_fen;
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
  cameForward: number;
  cameForwardRelieved: number;
  cameForwardReliefRate: number | null;
  revivedCases: number;
  revivedRecoveredFen: number;
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
