/**
 * What one fact contributes to the read models, as a pure function of the fact's rows. The live
 * projection reads a fact's rows before and after an event, and adds (after − before) to the
 * aggregates; the full recompute (aggregates.ts, recomputeAll) computes the same sums in SQL over
 * all facts, and the tests hold the two to each other.
 *
 * Keys are flat strings, so a contribution is one map and a difference is a merge:
 *   D code day column            division_daily
 *   X code day dim key n|amount  division_daily_dim (monthly rows are the same summed per month)
 *   S home column                division_snapshot (open cases, active listings, open and overdue tasks)
 *   O home party                 division_open_obligor (open cases of an obligor homed there)
 *   L home party                 division_listed_party (active listings of a party homed there)
 *   J judge day outcome          judge_daily (and judge_score)
 */

export const SEP = '\u0001';

/** The closed-case outcomes that count as performed (automatic performance, actual enforcement). */
export const RESOLVED_OUTCOMES = ['PERFORMED_AFTER_URGING', 'COMPLETED', 'SETTLED_AND_PERFORMED'] as const;

/** Timestamps are epoch microseconds (as PostgreSQL keeps them), dates YYYY-MM-DD, money integer fen. */
export interface CaseRow {
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  judge_id: string | null;
  cause_category: string | null;
  obligor_ids: string[];
  amount_owed_fen: number | null;
  effective_date: string | null;
  urging_started_on: string | null;
  urging_ended_on: string | null;
  urging_end_reason: string | null;
  enforcement_filed: boolean;
  outcome: string | null;
  closed_at_us: number | null;
  closed_on: string | null;
  days_open: number | null;
  amount_applied_fen: number | null;
  amount_recovered_fen: number | null;
  reopened_at_us: number | null;
  /** The first revival of a 终本 case from an asset lead (cases.case.revived); optional for rows built by hand. */
  revived_at_us?: number | null;
  revived_on?: string | null;
}

export interface ListingRow {
  party_id: string;
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  listed_at_us: number | null;
  listed_on: string | null;
  removed_at_us: number | null;
  removed_on: string | null;
}

export interface PaymentRow {
  performance_id?: string;
  amount_fen: number;
  paid_on: string;
  recorded_at_us: number;
  /** Set once cases reversed the payment as recorded in error: it no longer counts. */
  reversed_at_us?: number | null;
}

/** A case with its listings and payments: every fact whose figures depend on one another. */
export interface CaseGroup {
  case: CaseRow | null;
  listings: ListingRow[];
  payments: PaymentRow[];
}

export interface TaskRow {
  type: string;
  level: string;
  division_code: string;
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  created_on: string | null;
  completed_at_us: number | null;
  completed_on: string | null;
  completion_status: string | null;
  overdue_at_us: number | null;
  overdue_on: string | null;
}

export interface MeetingRow {
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  held_on: string;
  invited: number;
  attended: number;
  paid_in_full: number;
  instalment_plans: number;
}

export interface ProposalRow {
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  submitted_on: string | null;
  decided_on: string | null;
  relieved: boolean;
}

export type SnapshotColumn =
  'open_cases' | 'obligors_with_open_cases' | 'active_listings' | 'listed_obligors' | 'open_tasks' | 'overdue_tasks';

/** Signed amounts by read-model key, and the divisions the fact mentions (kept in division_seen). */
export class Contribution {
  readonly values = new Map<string, number>();
  readonly codes = new Set<string>();

  add(key: string, n: number): this {
    if (n === 0) return this;
    const v = (this.values.get(key) ?? 0) + n;
    if (v === 0) this.values.delete(key);
    else this.values.set(key, v);
    return this;
  }

  daily(code: string, day: string, column: string, n = 1): this {
    return this.add(['D', code, day, column].join(SEP), n);
  }

  dim(code: string, day: string, dim: string, key: string, amount: number): this {
    this.add(['X', code, day, dim, key, 'n'].join(SEP), 1);
    return this.add(['X', code, day, dim, key, 'amount'].join(SEP), amount);
  }

  snapshot(home: string, column: SnapshotColumn, n = 1): this {
    return this.add(['S', home, column].join(SEP), n);
  }

  /** Adds another contribution to this one (the changes of several events, summed). */
  merge(other: Contribution): this {
    for (const [k, v] of other.values) this.add(k, v);
    for (const c of other.codes) this.codes.add(c);
    return this;
  }

  /** `after − before`: what applying a change adds to the read models (zeros left out), and the divisions newly mentioned. */
  static difference(before: Contribution, after: Contribution): Contribution {
    const d = new Contribution();
    for (const [k, v] of after.values) d.add(k, v);
    for (const [k, v] of before.values) d.add(k, -v);
    // Divisions are remembered once mentioned; only a newly mentioned one needs writing.
    for (const c of after.codes) if (!before.codes.has(c)) d.codes.add(c);
    return d;
  }

  /** Rows by kind: the key split into its parts, with the amount last. */
  rows(kind: 'D' | 'X' | 'S' | 'O' | 'L' | 'J'): { parts: string[]; n: number }[] {
    const out: { parts: string[]; n: number }[] = [];
    for (const [k, n] of this.values) {
      if (k[0] !== kind) continue;
      out.push({ parts: k.split(SEP).slice(1), n });
    }
    return out;
  }

  get empty(): boolean {
    return this.values.size === 0;
  }
}

/** The county, township and village of a row, each once, nulls left out. */
export function codesOf(r: {
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
}): string[] {
  return [...new Set([r.county_code, r.township_code, r.village_code].filter((c): c is string => !!c))];
}

/** The most precise code of a row: the division whose current state it counts in. */
export const homeOf = (r: {
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
}): string | null => r.village_code ?? r.township_code ?? r.county_code;

/** Open: never closed, or reopened after its last close (终本 taken up again). */
export const isOpen = (c: CaseRow): boolean =>
  c.closed_at_us == null || (c.reopened_at_us != null && c.reopened_at_us > c.closed_at_us);

/**
 * A close undone: a case closed as performed (paid in full, performed after urging, settled and
 * performed) and re-opened after that close, which only the reversal of the payment that closed it
 * does. Its close no longer counts (it was the clerk's error), unlike a 终本 taken up again, whose
 * close still counts on its day until the case closes again.
 */
export const closeWithdrawn = (c: CaseRow): boolean =>
  c.closed_at_us != null &&
  c.reopened_at_us != null &&
  c.reopened_at_us > c.closed_at_us &&
  (RESOLVED_OUTCOMES as readonly string[]).includes(c.outcome ?? '');

/** The figures of a case, its listings and its payments (see docs/metrics.md for each definition). */
export function caseGroupContribution(g: CaseGroup, oldCaseDays: number, into = new Contribution()): Contribution {
  const c = g.case;
  if (c) {
    const codes = codesOf(c);
    codes.forEach((x) => into.codes.add(x));
    const resolved = (RESOLVED_OUTCOMES as readonly string[]).includes(c.outcome ?? '');
    const withdrawn = closeWithdrawn(c);
    const closedOn = withdrawn ? null : c.closed_on;
    for (const code of codes) {
      if (c.effective_date) {
        into.daily(code, c.effective_date, 'judgments_effective');
        if (closedOn && !c.enforcement_filed && resolved)
          into.daily(code, c.effective_date, 'performed_without_enforcement');
        into.dim(code, c.effective_date, 'CAUSE', c.cause_category ?? 'UNKNOWN', c.amount_owed_fen ?? 0);
      }
      if (closedOn) {
        const day = closedOn;
        into.daily(code, day, 'closed_cases');
        if (c.outcome === 'COMPLETED') into.daily(code, day, 'completed_cases');
        if (c.outcome === 'PERFORMED_AFTER_URGING') into.daily(code, day, 'performed_after_urging');
        if (c.outcome === 'SETTLED_AND_PERFORMED') into.daily(code, day, 'settled_cases');
        into.daily(code, day, 'days_open_sum', c.days_open ?? 0);
        into.daily(code, day, 'amount_applied_fen', c.amount_applied_fen ?? 0);
        into.daily(code, day, 'amount_recovered_fen', c.amount_recovered_fen ?? 0);
        if (c.days_open != null && c.days_open >= oldCaseDays) {
          into.daily(code, day, 'old_cases_resolved');
          into.daily(code, day, 'old_cases_amount_fen', c.amount_applied_fen ?? 0);
        }
        if (c.outcome != null) into.dim(code, day, 'OUTCOME', c.outcome, c.amount_recovered_fen ?? 0);
        if (c.days_open != null) into.dim(code, day, 'DAYS_OPEN', String(c.days_open), 0);
      }
      if (c.revived_on) into.daily(code, c.revived_on, 'revived_cases');
      if (c.urging_started_on) into.daily(code, c.urging_started_on, 'urgings_started');
      if (
        c.urging_ended_on &&
        c.urging_end_reason === 'PERFORMED' &&
        !(withdrawn && c.outcome === 'PERFORMED_AFTER_URGING')
      )
        into.daily(code, c.urging_ended_on, 'urgings_performed');
    }
    const home = homeOf(c);
    if (home && isOpen(c)) {
      into.snapshot(home, 'open_cases');
      for (const o of new Set(c.obligor_ids)) into.add(['O', home, o].join(SEP), 1);
    }
    if (c.judge_id && closedOn && c.outcome) into.add(['J', c.judge_id, closedOn, c.outcome].join(SEP), 1);
  }
  for (const l of g.listings) {
    const codes = codesOf(l);
    codes.forEach((x) => into.codes.add(x));
    for (const code of codes) {
      if (l.listed_on) into.daily(code, l.listed_on, 'listings_added');
      if (l.removed_on) into.daily(code, l.removed_on, 'listings_removed');
    }
    const home = homeOf(l);
    if (home && l.removed_at_us == null && l.listed_at_us != null) {
      into.snapshot(home, 'active_listings');
      into.add(['L', home, l.party_id].join(SEP), 1);
    }
  }
  // Recovered from a revived case: a payment recorded on it after its revival, for the case's divisions.
  const revivedAt = g.case?.revived_at_us;
  if (g.case && revivedAt != null)
    for (const p of g.payments)
      if (p.reversed_at_us == null && p.recorded_at_us > revivedAt)
        for (const code of codesOf(g.case)) into.daily(code, p.paid_on, 'revived_recovered_fen', p.amount_fen);
  // A repayment after exposure: a payment on a case that had a listing in the division added before it.
  for (const p of g.payments) {
    if (p.reversed_at_us != null) continue;
    const codes = new Set<string>();
    for (const l of g.listings)
      if (l.listed_at_us != null && l.listed_at_us <= p.recorded_at_us) codesOf(l).forEach((x) => codes.add(x));
    for (const code of codes) {
      into.daily(code, p.paid_on, 'repayments_after_exposure');
      into.daily(code, p.paid_on, 'repayments_after_exposure_fen', p.amount_fen);
    }
  }
  return into;
}

export function taskContribution(t: TaskRow | null, into = new Contribution()): Contribution {
  if (!t) return into;
  const codes = codesOf(t);
  codes.forEach((x) => into.codes.add(x));
  const key = `${t.type}:${t.level}`;
  for (const code of codes) {
    if (t.created_on) {
      into.daily(code, t.created_on, 'tasks_created');
      into.dim(code, t.created_on, 'TASK_CREATED', key, 0);
    }
    if (t.completed_on && t.completion_status === 'DONE') {
      into.daily(code, t.completed_on, 'tasks_completed');
      into.dim(code, t.completed_on, 'TASK_DONE', key, 0);
    }
    if (t.overdue_on) into.daily(code, t.overdue_on, 'tasks_overdue');
  }
  if (t.completed_at_us == null) {
    into.snapshot(t.division_code, 'open_tasks');
    if (t.overdue_at_us != null) into.snapshot(t.division_code, 'overdue_tasks');
  }
  return into;
}

export function meetingContribution(mt: MeetingRow | null, into = new Contribution()): Contribution {
  if (!mt) return into;
  const codes = codesOf(mt);
  codes.forEach((x) => into.codes.add(x));
  for (const code of codes) {
    into.daily(code, mt.held_on, 'meetings_held');
    into.daily(code, mt.held_on, 'meeting_invited', mt.invited);
    into.daily(code, mt.held_on, 'meeting_attended', mt.attended);
    into.daily(code, mt.held_on, 'meeting_paid_in_full', mt.paid_in_full);
    into.daily(code, mt.held_on, 'meeting_instalment_plans', mt.instalment_plans);
  }
  return into;
}

/**
 * An obligor coming forward online: `came_forward` on the day the proposal was submitted, and
 * `came_forward_relieved` on the day the court accepted it as a grace period, a settlement or an
 * instalment plan (a decision that arrives before its submission counts as relieved at once; the
 * submission, when it comes, adds the came-forward).
 */
export function proposalContribution(p: ProposalRow | null, into = new Contribution()): Contribution {
  if (!p) return into;
  const codes = codesOf(p);
  codes.forEach((x) => into.codes.add(x));
  for (const code of codes) {
    if (p.submitted_on) into.daily(code, p.submitted_on, 'came_forward');
    if (p.relieved && p.decided_on) into.daily(code, p.decided_on, 'came_forward_relieved');
  }
  return into;
}
