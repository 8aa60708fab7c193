import { Rng } from '../generator/prng';

/**
 * The realistic read traffic of the traffic scenario: the frontends' operations in stated proportions,
 * each request drawn at random from the loaded data with the identity of the person who would send it
 * (a village cadre asks only for their own village, a township liaison for their township, a judge for
 * the cases they preside, officers and administrators county-wide, the public board anonymously). Pure: the driver
 * process and the unit test use it alike.
 */

export type TrafficOperation =
  | 'VillageDashboard'
  | 'CaseDetail'
  | 'CaseList'
  | 'TaskList'
  | 'ExposureBoard'
  | 'CountyCockpitRanking'
  | 'TownshipDashboard';

/** Shares of the read traffic, in percent (they sum to 100); the report states them. */
export const DEFAULT_MIX: Record<TrafficOperation, number> = {
  VillageDashboard: 25,
  CaseDetail: 20,
  CaseList: 15,
  TaskList: 15,
  ExposureBoard: 15,
  CountyCockpitRanking: 5,
  TownshipDashboard: 5,
};

/** The task list of the console's workbench (not a safelisted operation: the gateway accepts free queries beside them). */
export const TASK_LIST_QUERY = `query TaskList($filter: TaskFilter!, $first: Int) {
  tasks(filter: $filter, first: $first) {
    edges { node { id type title status dueAt overdue case { id caseNumber } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export type Role = 'VILLAGE_CADRE' | 'TOWNSHIP_LIAISON' | 'ENFORCEMENT_OFFICER' | 'JUDGE' | 'ADMIN' | 'ANONYMOUS';

export interface Person {
  /** Who it is (the token's subject), unique in the universe. */
  sub: string;
  role: Role;
  /** The division the identity is bound to (a cadre's village, a liaison's township, the county). */
  divisionCode: string;
  /** The bearer token; null for the anonymous public. */
  token: string | null;
}

/** What the requests are drawn from: the loaded data and a token for each person. */
export interface TrafficUniverse {
  countyCode: string;
  villages: { code: string; cadre: Person; caseIds: string[] }[];
  townships: {
    code: string;
    liaison: Person;
    /** Cursors of the case list's pages by filter name ('' for the first page), fetched before the run. */
    pages: Record<string, (string | null)[]>;
  }[];
  officers: Person[];
  /** The court's administrators (the case detail shows the judge's score: judges and administrators only). */
  admins: Person[];
  judges: { person: Person; caseIds: string[] }[];
  /** Every loaded case, for the administrators. */
  caseIds: string[];
}

/** The case-list filters the console offers, by name (the cursors of `pages` are per name). */
export const CASE_LIST_FILTERS: Record<string, Record<string, unknown>> = {
  open: { open: true },
  overdue: { open: true, overdue: true },
  urging: { states: ['URGING'] },
  enforcement: { states: ['ENFORCEMENT_FILED', 'IN_PROGRESS'] },
  closed: { open: false },
};

const KPIS = ['COMPLETION_RATE', 'ACTUAL_ENFORCEMENT_RATE', 'AMOUNT_RECOVERED_FEN', 'VOLUNTARY_PERFORMANCE_RATE'];

export interface TrafficRequest {
  operation: TrafficOperation;
  variables: Record<string, unknown>;
  who: Person;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A period as a console user picks it: the whole history, a year, a quarter or a month of the data. */
export function randomPeriod(rng: Rng): Record<string, unknown> {
  const r = rng.next();
  const year = rng.int(2024, 2026);
  const month = year === 2026 ? rng.int(1, 10) : rng.int(1, 12);
  if (r < 0.25) return { kind: 'CUSTOM', from: '2023-01-01', to: '2026-12-31' };
  if (r < 0.5) return { kind: 'YEAR', date: `${year}-06-30` };
  if (r < 0.75) return { kind: 'QUARTER', date: `${year}-${pad(month)}-15` };
  return { kind: 'MONTH', date: `${year}-${pad(month)}-01` };
}

function pickOperation(rng: Rng, mix: Record<TrafficOperation, number>): TrafficOperation {
  const total = Object.values(mix).reduce((s, n) => s + n, 0);
  let x = rng.next() * total;
  for (const [op, share] of Object.entries(mix) as [TrafficOperation, number][]) {
    if ((x -= share) < 0) return op;
  }
  return Object.keys(mix)[0] as TrafficOperation;
}

/** Returns a function drawing one request after another (deterministic for a seed). */
export function trafficGenerator(
  u: TrafficUniverse,
  opts: { seed: number | string; mix?: Record<TrafficOperation, number> },
): () => TrafficRequest {
  if (!u.villages.length || !u.townships.length || !u.officers.length)
    throw new Error('the traffic universe needs villages, townships and officers');
  const rng = new Rng('traffic', opts.seed);
  const mix = opts.mix ?? DEFAULT_MIX;
  const judges = u.judges.filter((j) => j.caseIds.length);
  const anonymous: Person = { sub: 'anonymous', role: 'ANONYMOUS', divisionCode: u.countyCode, token: null };
  const filterNames = Object.keys(CASE_LIST_FILTERS);

  const draw = (operation: TrafficOperation): TrafficRequest => {
    switch (operation) {
      case 'VillageDashboard': {
        const v = rng.pick(u.villages);
        return {
          operation,
          variables: { villageCode: v.code, first: rng.pick([10, 20]), period: randomPeriod(rng) },
          who: v.cadre,
        };
      }
      case 'CaseDetail': {
        // It carries the judge's score, which only judges and administrators may see: a judge on a case
        // they preside, or an administrator on any case.
        if (judges.length && (rng.chance(0.7) || !u.admins.length || !u.caseIds.length)) {
          const j = rng.pick(judges);
          return { operation, variables: { id: rng.pick(j.caseIds), period: randomPeriod(rng) }, who: j.person };
        }
        if (!u.admins.length || !u.caseIds.length) return draw('VillageDashboard');
        return {
          operation,
          variables: { id: rng.pick(u.caseIds), period: randomPeriod(rng) },
          who: rng.pick(u.admins),
        };
      }
      case 'CaseList': {
        const t = rng.pick(u.townships);
        const name = rng.pick(filterNames);
        const cursors = t.pages[name] ?? [null];
        // Mostly the first page, then the next ones as far as they were fetched.
        const page = rng.chance(0.6) ? 0 : rng.int(0, cursors.length - 1);
        const byOfficer = rng.chance(0.4);
        return {
          operation,
          variables: {
            filter: { divisionCode: t.code, ...CASE_LIST_FILTERS[name] },
            first: 20,
            after: cursors[page] ?? null,
          },
          who: byOfficer ? rng.pick(u.officers) : t.liaison,
        };
      }
      case 'TaskList': {
        if (rng.chance(0.7)) {
          const v = rng.pick(u.villages);
          const status = rng.pick([['OPEN', 'IN_PROGRESS'], ['OPEN'], ['DONE']]);
          return { operation, variables: { filter: { divisionCode: v.code, status }, first: 30 }, who: v.cadre };
        }
        const t = rng.pick(u.townships);
        const filter = rng.chance(0.5)
          ? { divisionCode: t.code, status: ['OPEN', 'IN_PROGRESS'] }
          : { divisionCode: t.code, overdue: true };
        return { operation, variables: { filter, first: 30 }, who: t.liaison };
      }
      case 'ExposureBoard': {
        const v = rng.pick(u.villages);
        return { operation, variables: { divisionCode: v.code, first: rng.pick([10, 20]) }, who: anonymous };
      }
      case 'CountyCockpitRanking': {
        const who = judges.length && rng.chance(0.5) ? rng.pick(judges).person : rng.pick(u.officers);
        return {
          operation,
          variables: { countyCode: u.countyCode, kpi: rng.pick(KPIS), period: randomPeriod(rng) },
          who,
        };
      }
      case 'TownshipDashboard': {
        const t = rng.pick(u.townships);
        return { operation, variables: { townshipCode: t.code, period: randomPeriod(rng) }, who: t.liaison };
      }
    }
  };
  return () => draw(pickOperation(rng, mix));
}
