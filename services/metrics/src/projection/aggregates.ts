import type { EntityManager } from 'typeorm';
import { sqlExec, sqlRows } from '@zhiyuan/db';
import { Contribution, RESOLVED_OUTCOMES, SEP, type SnapshotColumn } from './contributions';
import { queryPrepared } from './prepared';
import { levelOf, type ProjectionSettings } from './settings';

/** The summable columns of division_daily and division_monthly. */
export const DAILY_COLUMNS = [
  'judgments_effective',
  'performed_without_enforcement',
  'closed_cases',
  'completed_cases',
  'performed_after_urging',
  'settled_cases',
  'days_open_sum',
  'amount_applied_fen',
  'amount_recovered_fen',
  'old_cases_resolved',
  'old_cases_amount_fen',
  'urgings_started',
  'urgings_performed',
  'tasks_created',
  'tasks_completed',
  'tasks_overdue',
  'meetings_held',
  'meeting_invited',
  'meeting_attended',
  'meeting_paid_in_full',
  'meeting_instalment_plans',
  'came_forward',
  'came_forward_relieved',
  'listings_added',
  'listings_removed',
  'repayments_after_exposure',
  'repayments_after_exposure_fen',
  'revived_cases',
  'revived_recovered_fen',
] as const;
const SNAPSHOT_COLUMNS: SnapshotColumn[] = [
  'open_cases',
  'obligors_with_open_cases',
  'active_listings',
  'listed_obligors',
  'open_tasks',
  'overdue_tasks',
];

const add = (cols: readonly string[], t = 't') => cols.map((c) => `${c} = ${t}.${c} + EXCLUDED.${c}`).join(', ');
const typed = (cols: readonly string[]) => cols.map((c) => `${c} bigint`).join(', ');

/**
 * The read models a contribution is added to column by column (`x = x + EXCLUDED.x`), as data: the
 * kind of contribution row, its key columns (the leading parts of the row's key) and their types,
 * the summed columns and which one a row's amount goes to, the order rows are written in, and the
 * tables: the daily one and its monthly roll-up, each optionally returning the rows that went back
 * to zero (deleted afterwards, as a recompute would not have them).
 */
interface SummedModel {
  kind: 'D' | 'X' | 'J';
  input: string;
  keys: readonly (readonly [string, string])[];
  columns: readonly (readonly [string, string])[];
  columnOf: (parts: string[]) => string;
  order: readonly string[];
  tables: readonly { table: string; alias: string; monthly?: boolean; dropZero?: string }[];
}

const SUMMED: readonly SummedModel[] = [
  {
    kind: 'D',
    input: 'dd',
    keys: [
      ['division_code', 'text'],
      ['day', 'date'],
    ],
    columns: DAILY_COLUMNS.map((c) => [c, 'bigint'] as const),
    columnOf: (parts) => parts[2]!,
    order: ['division_code', 'day'],
    tables: [
      { table: 'division_daily', alias: 'd' },
      { table: 'division_monthly', alias: 'dm', monthly: true },
    ],
  },
  {
    kind: 'X',
    input: 'xx',
    keys: [
      ['division_code', 'text'],
      ['day', 'date'],
      ['dim', 'text'],
      ['key', 'text'],
    ],
    columns: [
      ['n', 'int'],
      ['amount_fen', 'bigint'],
    ],
    columnOf: (parts) => (parts[4] === 'n' ? 'n' : 'amount_fen'),
    order: ['division_code', 'dim', 'day', 'key'],
    tables: [
      { table: 'division_daily_dim', alias: 'x', dropZero: 'n' },
      { table: 'division_monthly_dim', alias: 'xm', monthly: true, dropZero: 'n' },
    ],
  },
  {
    // judge_score is kept from these rows too, weighted (below).
    kind: 'J',
    input: 'jj',
    keys: [
      ['judge_id', 'uuid'],
      ['day', 'date'],
      ['outcome', 'text'],
    ],
    columns: [['n', 'int']],
    columnOf: () => 'n',
    order: ['judge_id', 'day', 'outcome'],
    tables: [{ table: 'judge_daily', alias: 'j', dropZero: 'n' }],
  },
];

/** A key column as the zero-row list returns it (text). */
const asText = (col: string, type: string) =>
  type === 'date' ? `to_char(${col}, 'YYYY-MM-DD')` : type === 'uuid' ? `${col}::text` : col;

/** The statements of one summed model for a contribution: its rows as input, an upsert per table. */
function addSummed(
  model: SummedModel,
  d: Contribution,
  ctes: string[],
  returning: string[],
  param: (v: unknown) => string,
): void {
  const rows = new Map<string, Record<string, number | string>>();
  const keyNames = model.keys.map(([c]) => c);
  const colNames = model.columns.map(([c]) => c);
  for (const { parts, n } of d.rows(model.kind)) {
    const k = parts.slice(0, keyNames.length).join(SEP);
    const row = rows.get(k) ?? {
      ...Object.fromEntries(keyNames.map((c, i) => [c, parts[i]!])),
      ...Object.fromEntries(colNames.map((c) => [c, 0])),
    };
    const column = model.columnOf(parts);
    row[column] = (row[column] as number) + n;
    rows.set(k, row);
  }
  if (!rows.size) return;
  const sorted = [...rows.values()].sort((a, b) => {
    for (const c of model.order) {
      const o = String(a[c]).localeCompare(String(b[c]));
      if (o) return o;
    }
    return 0;
  });
  ctes.push(
    `${model.input} AS (SELECT * FROM jsonb_to_recordset(${param(JSON.stringify(sorted))}::jsonb) AS x(${[...model.keys, ...model.columns].map(([c, t]) => `${c} ${t}`).join(', ')}))`,
  );
  for (const t of model.tables) {
    const keys = keyNames.map((c) => (c === 'day' && t.monthly ? 'month' : c));
    const order = model.order.map((c) => keys[keyNames.indexOf(c)]!);
    const select = t.monthly
      ? `SELECT ${keyNames.map((c) => (c === 'day' ? `date_trunc('month', day)::date` : c)).join(', ')}, ${colNames.map((c) => `sum(${c})`).join(', ')} FROM ${model.input}
         GROUP BY ${keyNames.map((_, i) => i + 1).join(', ')} ORDER BY ${order.map((c) => keys.indexOf(c) + 1).join(', ')}`
      : `SELECT ${[...keyNames, ...colNames].join(', ')} FROM ${model.input} ORDER BY ${order.join(', ')}`;
    ctes.push(`${t.alias} AS (INSERT INTO metrics.${t.table} AS t (${[...keys, ...colNames].join(', ')})
      ${select}
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${add(colNames)}${t.dropZero ? ` RETURNING ${[...keys, t.dropZero].join(', ')}` : ''})`);
    if (t.dropZero) {
      const cells = keys.map((c, i) => asText(c, model.keys[i]![1]));
      while (cells.length < 4) cells.push('NULL');
      returning.push(`SELECT '${t.table}', ${cells.join(', ')} FROM ${t.alias} WHERE ${t.dropZero} = 0`);
    }
  }
}

/**
 * Adds a contribution (a fact's figures after an event minus before it) to the read models:
 * `INSERT … ON CONFLICT DO UPDATE SET x = x + EXCLUDED.x` on each key, so concurrent handlers
 * serialize on the rows they share and on nothing else. Rows are written in key order, table after
 * table in a fixed order, so two transactions never wait on each other in a cycle.
 *
 * The obligor and listed-party reference counts turn into the distinct counts of the snapshot in
 * the same statement: a count going from 0 to 1 adds an obligor to its home division, 1 to 0
 * removes one; those changes are added to `d` for the warnings. Rows a change brings back to zero
 * in the breakdowns, judge days, judge scores and reference counts are then deleted (a full
 * recompute would not have them): one statement, a second only when some row went back to zero.
 */
export async function applyContribution(m: EntityManager, d: Contribution): Promise<void> {
  const ctes: string[] = [];
  const returning: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;

  const refs = [...d.rows('O').map((r) => ({ t: 'O', ...r })), ...d.rows('L').map((r) => ({ t: 'L', ...r }))];
  const snaps = new Map<string, Record<string, number | string>>();
  for (const {
    parts: [home, column],
    n,
  } of d.rows('S')) {
    const row = snaps.get(home!) ?? {
      division_code: home!,
      ...Object.fromEntries(SNAPSHOT_COLUMNS.map((c) => [c, 0])),
    };
    row[column!] = (row[column!] as number) + n;
    snaps.set(home!, row);
  }
  if (refs.length) {
    refs.sort(
      (a, b) =>
        a.t.localeCompare(b.t) || a.parts[0]!.localeCompare(b.parts[0]!) || a.parts[1]!.localeCompare(b.parts[1]!),
    );
    const [t, home, party, n] = [
      param(refs.map((r) => r.t)),
      param(refs.map((r) => r.parts[0])),
      param(refs.map((r) => r.parts[1])),
      param(refs.map((r) => r.n)),
    ];
    const upsert = (table: string, kind: string) =>
      `INSERT INTO metrics.${table} AS r (division_code, party_id, n) SELECT home, party, n FROM rr WHERE t = '${kind}' ORDER BY i
       ON CONFLICT (division_code, party_id) DO UPDATE SET n = r.n + EXCLUDED.n RETURNING division_code, party_id, n`;
    ctes.push(
      `rr AS (SELECT * FROM unnest(${t}::text[], ${home}::text[], ${party}::uuid[], ${n}::int[]) WITH ORDINALITY AS x(t, home, party, n, i))`,
      `ro AS (${upsert('division_open_obligor', 'O')})`,
      `rl AS (${upsert('division_listed_party', 'L')})`,
      `rc AS (SELECT 'O' AS t, ro.division_code, ro.party_id, ro.n AS after, ro.n - rr.n AS before FROM ro JOIN rr ON rr.t = 'O' AND rr.home = ro.division_code AND rr.party = ro.party_id
              UNION ALL
              SELECT 'L', rl.division_code, rl.party_id, rl.n, rl.n - rr.n FROM rl JOIN rr ON rr.t = 'L' AND rr.home = rl.division_code AND rr.party = rl.party_id)`,
      // A count crossing zero changes the distinct obligors (or listed parties) of its home division.
      `rx AS (SELECT division_code, t, sum(CASE WHEN before <= 0 AND after > 0 THEN 1 WHEN before > 0 AND after <= 0 THEN -1 ELSE 0 END) AS n FROM rc GROUP BY 1, 2)`,
    );
    returning.push(
      `SELECT CASE t WHEN 'O' THEN 'division_open_obligor' ELSE 'division_listed_party' END AS t, division_code AS a, party_id::text AS b, NULL AS c, NULL AS d FROM rc WHERE after = 0`,
      `SELECT 'crossing', division_code, t, n::text, NULL FROM rx WHERE n <> 0`,
    );
  }

  for (const model of SUMMED) if (model.kind !== 'J') addSummed(model, d, ctes, returning, param);

  if (snaps.size || refs.length) {
    const rows = [...snaps.values()];
    const crossings = refs.length
      ? `UNION ALL SELECT division_code, 0, CASE t WHEN 'O' THEN n ELSE 0 END, 0, CASE t WHEN 'L' THEN n ELSE 0 END, 0, 0 FROM rx WHERE n <> 0`
      : '';
    ctes.push(
      `ss AS (SELECT division_code, ${SNAPSHOT_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM (
                SELECT * FROM jsonb_to_recordset(${param(JSON.stringify(rows))}::jsonb) AS x(division_code text, ${typed(SNAPSHOT_COLUMNS)}) ${crossings}
              ) x GROUP BY division_code)`,
      `s AS (INSERT INTO metrics.division_snapshot AS t (division_code, ${SNAPSHOT_COLUMNS.join(', ')}, updated_at)
             SELECT division_code, ${SNAPSHOT_COLUMNS.join(', ')}, now() FROM ss ORDER BY division_code
             ON CONFLICT (division_code) DO UPDATE SET ${add(SNAPSHOT_COLUMNS)}, updated_at = now())`,
    );
  }

  // Judges after the divisions (the order every transaction writes in), then their scores.
  addSummed(
    SUMMED.find((model) => model.kind === 'J')!,
    d,
    ctes,
    returning,
    param,
  );
  if (d.rows('J').length) {
    ctes.push(
      // Weighted by the active set; activation rescores every judge holding the projection lock
      // exclusively, so no change slips between the two.
      `js AS (INSERT INTO metrics.judge_score AS t (judge_id, rule_set_id, raw_count, weighted, updated_at)
              SELECT jj.judge_id, rs.id, sum(jj.n), sum(jj.n * COALESCE((rs.weights ->> jj.outcome)::numeric, 1)), now()
              FROM jj CROSS JOIN (SELECT id, weights FROM metrics.performance_rule_set WHERE status = 'ACTIVE') rs
              GROUP BY jj.judge_id, rs.id ORDER BY jj.judge_id
              ON CONFLICT (judge_id) DO UPDATE SET raw_count = t.raw_count + EXCLUDED.raw_count, weighted = t.weighted + EXCLUDED.weighted,
                rule_set_id = EXCLUDED.rule_set_id, updated_at = now()
              RETURNING judge_id, raw_count)`,
    );
    returning.push(`SELECT 'judge_score', judge_id::text, NULL, NULL, NULL FROM js WHERE raw_count = 0`);
  }

  if (d.codes.size) {
    const codes = [...d.codes].sort();
    ctes.push(
      `seen AS (INSERT INTO metrics.division_seen (code, level) SELECT c, l FROM unnest(${param(codes)}::text[], ${param(codes.map(levelOf))}::text[]) AS x(c, l) ORDER BY c ON CONFLICT (code) DO NOTHING)`,
    );
  }

  if (!ctes.length) return;
  const rows = await queryPrepared<{ t: string; a: string; b: string | null; c: string | null; d: string | null }>(
    m,
    `WITH ${ctes.join(',\n')}
     SELECT * FROM (${returning.length ? returning.join(' UNION ALL ') : 'SELECT NULL, NULL, NULL, NULL, NULL WHERE false'}) AS r(t, a, b, c, d)`,
    params,
  );
  const zero: { table: string; key: string[] }[] = [];
  for (const r of rows) {
    if (r.t === 'crossing') d.snapshot(r.a, r.b === 'O' ? 'obligors_with_open_cases' : 'listed_obligors', Number(r.c));
    else zero.push({ table: r.t, key: [r.a, r.b, r.c, r.d].filter((v): v is string => v != null) });
  }
  if (zero.length) await deleteZeroRows(m, zero);
}

/** The rows a change can bring back to zero, by table: their key columns and types, and what zero means. */
const ZERO_KEYS: Record<string, { cols: string[]; types: string[]; zero: string }> = {
  division_open_obligor: { cols: ['division_code', 'party_id'], types: ['text', 'uuid'], zero: 'n = 0' },
  division_listed_party: { cols: ['division_code', 'party_id'], types: ['text', 'uuid'], zero: 'n = 0' },
  ...Object.fromEntries(
    SUMMED.flatMap((model) =>
      model.tables
        .filter((t) => t.dropZero)
        .map((t) => [
          t.table,
          {
            cols: model.keys.map(([c]) => (c === 'day' && t.monthly ? 'month' : c)),
            types: model.keys.map(([, type]) => type),
            zero: `${t.dropZero} = 0`,
          },
        ]),
    ),
  ),
  judge_score: { cols: ['judge_id'], types: ['uuid'], zero: 'raw_count = 0' },
};

/** Deletes the rows a change brought back to zero (still zero: this transaction holds their locks). */
async function deleteZeroRows(m: EntityManager, zero: { table: string; key: string[] }[]): Promise<void> {
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const [table, spec] of Object.entries(ZERO_KEYS)) {
    const keys = zero.filter((z) => z.table === table);
    if (!keys.length) continue;
    const args = spec.cols.map((_, i) => `$${params.push(keys.map((k) => k.key[i]))}::${spec.types[i]}[]`);
    parts.push(`${table.replace(/_/g, '')} AS (DELETE FROM metrics.${table} t USING unnest(${args.join(', ')}) AS k(${spec.cols.join(', ')})
      WHERE ${spec.cols.map((c) => `t.${c} = k.${c}`).join(' AND ')} AND t.${spec.zero})`);
  }
  await queryPrepared(m, `WITH ${parts.join(',\n')} SELECT 1`, params);
}

export interface SnapshotSums {
  open_cases: number;
  obligors_with_open_cases: number;
  active_listings: number;
  listed_obligors: number;
  open_tasks: number;
  overdue_tasks: number;
}

/**
 * The current state of divisions: the sum over the home divisions under each (one statement). The
 * codes under a division are the byte range [code, code || ':') (':' follows '9'), read through the
 * text_pattern_ops index, so a township reads its own rows and not the whole table.
 */
export async function snapshotSums(
  m: Pick<EntityManager, 'query'>,
  codes: readonly string[],
): Promise<Map<string, SnapshotSums>> {
  const rows = await sqlRows<Record<keyof SnapshotSums, string> & { code: string }>(
    m,
    `SELECT k.code, sum(s.open_cases) AS open_cases, sum(s.obligors_with_open_cases) AS obligors_with_open_cases, sum(s.active_listings) AS active_listings,
            sum(s.listed_obligors) AS listed_obligors, sum(s.open_tasks) AS open_tasks, sum(s.overdue_tasks) AS overdue_tasks
     FROM unnest($1::text[]) AS k(code) JOIN metrics.division_snapshot s ON s.division_code ~>=~ k.code AND s.division_code ~<~ (k.code || ':')
     GROUP BY k.code`,
    [[...codes]],
  );
  return new Map(
    rows.map((r) => [
      r.code,
      {
        open_cases: Number(r.open_cases),
        obligors_with_open_cases: Number(r.obligors_with_open_cases),
        active_listings: Number(r.active_listings),
        listed_obligors: Number(r.listed_obligors),
        open_tasks: Number(r.open_tasks),
        overdue_tasks: Number(r.overdue_tasks),
      },
    ]),
  );
}

/** Recomputes the all-time scores of judges (all when `judges` is null) under the active rule set, from judge_daily. */
export async function recomputeJudgeScores(m: EntityManager, judges: string[] | null): Promise<void> {
  if (judges && !judges.length) return;
  const filter = judges ? `WHERE j.judge_id = ANY($1::uuid[])` : '';
  await sqlExec(m, `DELETE FROM metrics.judge_score j ${filter}`, judges ? [judges] : []);
  await sqlExec(
    m,
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
  await sqlExec(
    m,
    `INSERT INTO metrics.division_seen (code, level) SELECT c, l FROM unnest($1::text[], $2::text[]) AS x(c, l) ON CONFLICT (code) DO NOTHING`,
    [codes, codes.map(levelOf)],
  );
}

/** Each of the county, township and village codes of a fact row once, as `dv.code`. */
const codes = (a: string) =>
  `CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(ARRAY[${a}.county_code, ${a}.township_code, ${a}.village_code]) AS x WHERE x IS NOT NULL) AS dv(code)`;
const HOME = (a: string) => `COALESCE(${a}.village_code, ${a}.township_code, ${a}.county_code)`;
const OPEN = (a: string) => `(${a}.closed_at IS NULL OR ${a}.reopened_at > ${a}.closed_at)`;
const RESOLVED = `(${RESOLVED_OUTCOMES.map((o) => `'${o}'`).join(', ')})`;
/** The close of a case counts: closed, and not a close undone by the reversal of its payment (contributions.ts, closeWithdrawn). */
const WITHDRAWN = (a: string) => `COALESCE(${a}.reopened_at > ${a}.closed_at AND ${a}.outcome IN ${RESOLVED}, false)`;
const CLOSE_COUNTS = (a: string) => `(${a}.closed_on IS NOT NULL AND NOT ${WITHDRAWN(a)})`;

/** One branch of the daily sums: the given columns, zeros for the others. */
const branch = (day: string, values: Partial<Record<(typeof DAILY_COLUMNS)[number], string>>, from: string) =>
  `SELECT dv.code, ${day} AS day, ${DAILY_COLUMNS.map((c) => `COALESCE((${values[c] ?? '0'})::bigint, 0) AS ${c}`).join(', ')} FROM ${from}`;

/**
 * Recomputes every read model from the facts, set-wise (a rebuild after a replay of the event
 * history; the tests hold the live deltas to it). The definitions are the same as those of
 * contributions.ts, written as SQL over all facts at once.
 */
export async function recomputeAll(m: EntityManager, s: ProjectionSettings): Promise<void> {
  // Whole-table aggregations: room to hash them in memory rather than spill (this transaction only).
  await sqlExec(m, `SET LOCAL work_mem = '256MB'`);
  for (const t of [
    'division_daily',
    'division_daily_dim',
    'division_monthly',
    'division_monthly_dim',
    'division_snapshot',
    'division_open_obligor',
    'division_listed_party',
    'judge_daily',
    'judge_score',
    'division_seen',
  ])
    await sqlExec(m, `TRUNCATE metrics.${t}`);
  await sqlExec(
    m,
    `INSERT INTO metrics.division_seen (code, level)
     SELECT code, CASE length(code) WHEN 6 THEN 'COUNTY' WHEN 9 THEN 'TOWNSHIP' ELSE 'VILLAGE' END FROM (
       SELECT dv.code FROM metrics.case_fact c ${codes('c')}
       UNION SELECT dv.code FROM metrics.task_fact t ${codes('t')}
       UNION SELECT dv.code FROM metrics.meeting_fact mt ${codes('mt')}
       UNION SELECT dv.code FROM metrics.proposal_fact pr ${codes('pr')}
       UNION SELECT dv.code FROM metrics.listing_fact l ${codes('l')}
       UNION SELECT $1::text) x`,
    [s.countyCode],
  );
  const old = Number(s.oldCaseDays);
  const branches = [
    branch(
      'c.effective_date',
      {
        judgments_effective: '1',
        performed_without_enforcement: `(${CLOSE_COUNTS('c')} AND NOT c.enforcement_filed AND c.outcome IN ${RESOLVED})::int`,
      },
      `metrics.case_fact c ${codes('c')} WHERE c.effective_date IS NOT NULL`,
    ),
    branch(
      'c.closed_on',
      {
        closed_cases: '1',
        completed_cases: `(c.outcome = 'COMPLETED')::int`,
        performed_after_urging: `(c.outcome = 'PERFORMED_AFTER_URGING')::int`,
        settled_cases: `(c.outcome = 'SETTLED_AND_PERFORMED')::int`,
        days_open_sum: 'COALESCE(c.days_open, 0)',
        amount_applied_fen: 'COALESCE(c.amount_applied_fen, 0)',
        amount_recovered_fen: 'COALESCE(c.amount_recovered_fen, 0)',
        old_cases_resolved: `(c.days_open >= ${old})::int`,
        old_cases_amount_fen: `CASE WHEN c.days_open >= ${old} THEN COALESCE(c.amount_applied_fen, 0) ELSE 0 END`,
      },
      `metrics.case_fact c ${codes('c')} WHERE ${CLOSE_COUNTS('c')}`,
    ),
    branch(
      'c.urging_started_on',
      { urgings_started: '1' },
      `metrics.case_fact c ${codes('c')} WHERE c.urging_started_on IS NOT NULL`,
    ),
    branch(
      'c.urging_ended_on',
      { urgings_performed: '1' },
      `metrics.case_fact c ${codes('c')} WHERE c.urging_ended_on IS NOT NULL AND c.urging_end_reason = 'PERFORMED'
      AND NOT (${WITHDRAWN('c')} AND c.outcome = 'PERFORMED_AFTER_URGING')`,
    ),
    branch('t.created_on', { tasks_created: '1' }, `metrics.task_fact t ${codes('t')} WHERE t.created_on IS NOT NULL`),
    branch(
      't.completed_on',
      { tasks_completed: '1' },
      `metrics.task_fact t ${codes('t')} WHERE t.completed_on IS NOT NULL AND t.completion_status = 'DONE'`,
    ),
    branch('t.overdue_on', { tasks_overdue: '1' }, `metrics.task_fact t ${codes('t')} WHERE t.overdue_on IS NOT NULL`),
    branch(
      'mt.held_on',
      {
        meetings_held: '1',
        meeting_invited: 'mt.invited',
        meeting_attended: 'mt.attended',
        meeting_paid_in_full: 'mt.paid_in_full',
        meeting_instalment_plans: 'mt.instalment_plans',
      },
      `metrics.meeting_fact mt ${codes('mt')}`,
    ),
    branch(
      'pr.submitted_on',
      { came_forward: '1' },
      `metrics.proposal_fact pr ${codes('pr')} WHERE pr.submitted_on IS NOT NULL`,
    ),
    branch(
      'pr.decided_on',
      { came_forward_relieved: '1' },
      `metrics.proposal_fact pr ${codes('pr')} WHERE pr.decided_on IS NOT NULL AND pr.relieved`,
    ),
    branch(
      'l.listed_on',
      { listings_added: '1' },
      `metrics.listing_fact l ${codes('l')} WHERE l.listed_on IS NOT NULL`,
    ),
    branch(
      'l.removed_on',
      { listings_removed: '1' },
      `metrics.listing_fact l ${codes('l')} WHERE l.removed_on IS NOT NULL`,
    ),
    branch('c.revived_on', { revived_cases: '1' }, `metrics.case_fact c ${codes('c')} WHERE c.revived_on IS NOT NULL`),
    // A payment recorded after the revival of its case counts as recovered from a revived case.
    branch(
      'p.paid_on',
      { revived_recovered_fen: 'p.amount_fen' },
      `metrics.payment_fact p JOIN metrics.case_fact c ON c.case_id = p.case_id ${codes('c')}
        WHERE p.reversed_at IS NULL AND p.recorded_at > c.revived_at`,
    ),
    // A payment counts once per division that had a listing of its case before it.
    branch(
      'p.paid_on',
      { repayments_after_exposure: '1', repayments_after_exposure_fen: 'p.amount_fen' },
      `(SELECT DISTINCT p.performance_id, p.paid_on, p.amount_fen, dv.code FROM metrics.payment_fact p
          JOIN metrics.listing_fact l ON l.case_id = p.case_id AND l.listed_at <= p.recorded_at ${codes('l')} WHERE p.reversed_at IS NULL) AS p CROSS JOIN LATERAL (SELECT p.code) AS dv(code)`,
    ),
  ];
  await sqlExec(
    m,
    `INSERT INTO metrics.division_daily (division_code, day, ${DAILY_COLUMNS.join(', ')})
     SELECT code, day, ${DAILY_COLUMNS.map((c) => `sum(${c})`).join(', ')} FROM (${branches.join('\nUNION ALL\n')}) x GROUP BY code, day`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.division_daily_dim (division_code, day, dim, key, n, amount_fen)
     SELECT code, day, dim, key, count(*), sum(amount) FROM (
       SELECT dv.code, c.closed_on AS day, 'OUTCOME' AS dim, c.outcome AS key, COALESCE(c.amount_recovered_fen, 0) AS amount
         FROM metrics.case_fact c ${codes('c')} WHERE ${CLOSE_COUNTS('c')} AND c.outcome IS NOT NULL
       UNION ALL
       SELECT dv.code, c.closed_on, 'DAYS_OPEN', c.days_open::text, 0 FROM metrics.case_fact c ${codes('c')} WHERE ${CLOSE_COUNTS('c')} AND c.days_open IS NOT NULL
       UNION ALL
       SELECT dv.code, c.effective_date, 'CAUSE', COALESCE(c.cause_category, 'UNKNOWN'), COALESCE(c.amount_owed_fen, 0)
         FROM metrics.case_fact c ${codes('c')} WHERE c.effective_date IS NOT NULL
       UNION ALL
       SELECT dv.code, t.created_on, 'TASK_CREATED', t.type || ':' || t.level, 0 FROM metrics.task_fact t ${codes('t')} WHERE t.created_on IS NOT NULL
       UNION ALL
       SELECT dv.code, t.completed_on, 'TASK_DONE', t.type || ':' || t.level, 0 FROM metrics.task_fact t ${codes('t')} WHERE t.completed_on IS NOT NULL AND t.completion_status = 'DONE'
     ) x GROUP BY code, day, dim, key`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.division_monthly (division_code, month, ${DAILY_COLUMNS.join(', ')})
     SELECT division_code, date_trunc('month', day)::date, ${DAILY_COLUMNS.map((c) => `sum(${c})`).join(', ')} FROM metrics.division_daily GROUP BY 1, 2`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.division_monthly_dim (division_code, month, dim, key, n, amount_fen)
     SELECT division_code, date_trunc('month', day)::date, dim, key, sum(n), sum(amount_fen) FROM metrics.division_daily_dim GROUP BY 1, 2, 3, 4`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.division_open_obligor (division_code, party_id, n)
     SELECT ${HOME('c')}, o, count(DISTINCT c.case_id) FROM metrics.case_fact c CROSS JOIN LATERAL unnest(c.obligor_ids) AS o
     WHERE ${OPEN('c')} AND ${HOME('c')} IS NOT NULL GROUP BY 1, 2`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.division_listed_party (division_code, party_id, n)
     SELECT ${HOME('l')}, l.party_id, count(*) FROM metrics.listing_fact l
     WHERE l.removed_at IS NULL AND l.listed_at IS NOT NULL AND ${HOME('l')} IS NOT NULL GROUP BY 1, 2`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.division_snapshot (division_code, ${SNAPSHOT_COLUMNS.join(', ')}, updated_at)
     SELECT code, ${SNAPSHOT_COLUMNS.map((c) => `sum(${c})`).join(', ')}, now() FROM (
       SELECT ${HOME('c')} AS code, 1 AS open_cases, 0 AS obligors_with_open_cases, 0 AS active_listings, 0 AS listed_obligors, 0 AS open_tasks, 0 AS overdue_tasks
         FROM metrics.case_fact c WHERE ${OPEN('c')}
       UNION ALL SELECT division_code, 0, 1, 0, 0, 0, 0 FROM metrics.division_open_obligor
       UNION ALL SELECT ${HOME('l')}, 0, 0, 1, 0, 0, 0 FROM metrics.listing_fact l WHERE l.removed_at IS NULL AND l.listed_at IS NOT NULL
       UNION ALL SELECT division_code, 0, 0, 0, 1, 0, 0 FROM metrics.division_listed_party
       UNION ALL SELECT t.division_code, 0, 0, 0, 0, 1, (t.overdue_at IS NOT NULL)::int FROM metrics.task_fact t WHERE t.completed_at IS NULL
     ) x WHERE code IS NOT NULL GROUP BY code`,
  );
  await sqlExec(
    m,
    `INSERT INTO metrics.judge_daily (judge_id, day, outcome, n)
     SELECT c.judge_id, c.closed_on, c.outcome, count(*) FROM metrics.case_fact c
     WHERE c.judge_id IS NOT NULL AND ${CLOSE_COUNTS('c')} AND c.outcome IS NOT NULL GROUP BY 1, 2, 3`,
  );
  await recomputeJudgeScores(m, null);
}
