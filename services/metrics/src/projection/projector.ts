import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@zhiyuan/events';
import { sqlExec } from '@zhiyuan/db';
import {
  caseGroupContribution,
  Contribution,
  meetingContribution,
  proposalContribution,
  taskContribution,
  type CaseGroup,
  type CaseRow,
  type ListingRow,
  type MeetingRow,
  type ProposalRow,
  type PaymentRow,
  type TaskRow,
} from './contributions';
import {
  FACT_TABLES,
  PARTNER_COLUMN_TYPES,
  factEntryOf,
  type FactEntry,
  type FactTable,
  type Merge,
} from './fact-table';
import { queryPrepared } from './prepared';
import type { ProjectionSettings } from './settings';

/** The facts whose figures depend on one another: a case with its listings and payments, a task, a meeting. */
export type FactKey = { kind: 'case' | 'task' | 'meeting' | 'proposal'; id: string } | { kind: 'partner' };

const PROJECTION = `hashtext('metrics.projection')`;

/**
 * The whole projection at a standstill: taken (exclusive) by what rewrites read models wholesale
 * (a rebuild, a rule-set activation rescoring every judge, a warning rule change); every handler
 * holds it shared, so handlers never wait for one another on it.
 */
export async function lockProjection(m: EntityManager): Promise<void> {
  await sqlExec(m, `SELECT pg_advisory_xact_lock(${PROJECTION})`);
}

/** The lock name of a fact (`case:<id>`, `task:<id>`, `meeting:<id>`); partner changes have no fact lock. */
export function factLockName(key: FactKey | null): string | null {
  return key && key.kind !== 'partner' ? `${key.kind}:${key.id}` : null;
}

/**
 * A handler's locks: the projection shared, and the fact it changes exclusively (a case with its
 * listings and payments, a task, a meeting), so its rows read before and after the change are
 * this transaction's alone. Different facts proceed in parallel; the read-model rows they share
 * serialize on their row locks. A lock this transaction already holds (`held`: several events of
 * one batch) is not asked for again.
 */
export async function lockFact(m: EntityManager, key: FactKey | null, held: Set<string>): Promise<void> {
  const fact = factLockName(key);
  if (fact && !held.has(fact)) {
    await queryPrepared(
      m,
      `SELECT pg_advisory_xact_lock_shared(${PROJECTION}), pg_advisory_xact_lock(hashtext('metrics.fact'), hashtext($1))`,
      [fact],
    );
    held.add(fact).add('projection');
  } else if (!held.has('projection')) {
    await queryPrepared(m, `SELECT pg_advisory_xact_lock_shared(${PROJECTION})`, []);
    held.add('projection');
  }
}

/** What a merge rule writes into an existing row (`t`: the table, the row as it is). */
const FOLLOWS = (t: string) =>
  `(${t}.closed_at IS NULL AND EXCLUDED.rerouted_at >= COALESCE(${t}.rerouted_at, '-infinity'::timestamptz))`;
const MERGE_SQL: Record<Exclude<Merge, 'insert'>, (c: string, t: string) => string> = {
  fill: (c, t) => `COALESCE(${t}.${c}, EXCLUDED.${c})`,
  'fill-empty': (c, t) => `CASE WHEN cardinality(${t}.${c}) = 0 THEN EXCLUDED.${c} ELSE ${t}.${c} END`,
  set: (c, t) => `COALESCE(EXCLUDED.${c}, ${t}.${c})`,
  replace: (c) => `EXCLUDED.${c}`,
  or: (c, t) => `${t}.${c} OR EXCLUDED.${c}`,
  max: (c, t) => `GREATEST(${t}.${c}, EXCLUDED.${c})`,
  follow: (c, t) => `CASE WHEN ${FOLLOWS(t)} THEN EXCLUDED.${c} ELSE ${t}.${c} END`,
};

interface Statement {
  columns: string[];
  sql: string;
}

const statements = new Map<FactEntry, Statement>();

/**
 * The upsert of an entry, built once from the table: the id and the entry's columns, each merged
 * by its rule on conflict (DO NOTHING when every column is written on insert only). The fact
 * written set-wise (partner changes) takes one array per column; the others one value each.
 */
function statementOf(entry: FactEntry): Statement {
  let st = statements.get(entry);
  if (st) return st;
  const table = entry.table;
  const spec = FACT_TABLES[table];
  const columns = [spec.id, ...Object.keys(entry.merge)];
  const set = Object.entries(entry.merge)
    .filter((e): e is [string, Exclude<Merge, 'insert'>] => e[1] !== 'insert')
    .map(([c, merge]) => `${c} = ${MERGE_SQL[merge](c, table)}`);
  if (spec.touch) set.push(`${spec.touch} = now()`);
  const source =
    spec.fact === 'partner'
      ? `SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${PARTNER_COLUMN_TYPES[c]}[]`).join(', ')})`
      : `VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  st = {
    columns,
    sql: `INSERT INTO metrics.${table} (${columns.join(', ')}) ${source}
     ON CONFLICT (${spec.id}) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`,
  };
  statements.set(entry, st);
  return st;
}

type Row = Record<string, unknown>;

/** The parameters of a statement: one value per column, or (set-wise) one array per column. */
function paramsOf(st: Statement, entry: FactEntry, rows: Row[]): unknown[] {
  const value = (r: Row, c: string) => r[c] ?? null;
  if (FACT_TABLES[entry.table].fact === 'partner') return st.columns.map((c) => rows.map((r) => value(r, c)));
  return st.columns.map((c) => value(rows[0]!, c));
}

/** One event's fact write (null: the event changes no fact). */
interface FactWrite {
  entry: FactEntry;
  key: FactKey;
  rows: Row[];
}

function factWrite(event: EventEnvelope, s: ProjectionSettings): FactWrite | null {
  const entry = factEntryOf(event.type);
  if (!entry) return null;
  const rows = entry.rows(event.payload as never, s.timeZone);
  if (!rows.length) return null;
  const spec = FACT_TABLES[entry.table];
  const key: FactKey =
    spec.fact === 'partner' ? { kind: 'partner' } : { kind: spec.fact, id: String(rows[0]![spec.lockColumn]) };
  return { entry, key, rows };
}

/** Which fact an event changes (null: none). */
export function factKeyOf(event: EventEnvelope, s: ProjectionSettings): FactKey | null {
  return factWrite(event, s)?.key ?? null;
}

/**
 * Writes the rows of several events of one batched entry in one statement; each id is written once,
 * with its first values, as one upsert per event would leave it.
 */
export async function writeBatchedRows(m: EntityManager, entry: FactEntry, rows: readonly Row[]): Promise<void> {
  const id = FACT_TABLES[entry.table].id;
  const first = new Map<unknown, Row>();
  for (const r of rows) if (!first.has(r[id])) first.set(r[id], r);
  if (!first.size) return;
  const st = statementOf(entry);
  await sqlExec(m, st.sql, paramsOf(st, entry, [...first.values()]));
}

/** The rows a batched event writes (written together when the transaction's events are all handled). */
export function batchedRowsOf(event: EventEnvelope, s: ProjectionSettings): { entry: FactEntry; rows: Row[] } | null {
  const w = factWrite(event, s);
  return w?.entry.batched ? { entry: w.entry, rows: w.rows } : null;
}

/** Records one event as facts (a rebuild replays the history this way, then recomputes every read model). */
export async function applyFact(m: EntityManager, event: EventEnvelope, s: ProjectionSettings): Promise<void> {
  const w = factWrite(event, s);
  if (!w) return;
  const st = statementOf(w.entry);
  await sqlExec(m, st.sql, paramsOf(st, w.entry, w.rows));
}

const us = (col: string) => `(extract(epoch FROM ${col}) * 1000000)::bigint`;
const CODES = `'county_code', county_code, 'township_code', township_code, 'village_code', village_code`;

/** Each fact row as the contribution functions take it (timestamps in epoch microseconds), by table. */
const ROW_JSON: Record<Exclude<FactTable, 'partner_change_fact'>, string> = {
  case_fact: `json_build_object(${CODES}, 'judge_id', judge_id, 'cause_category', cause_category, 'obligor_ids', obligor_ids,
    'amount_owed_fen', amount_owed_fen, 'effective_date', effective_date, 'urging_started_on', urging_started_on,
    'urging_ended_on', urging_ended_on, 'urging_end_reason', urging_end_reason, 'enforcement_filed', enforcement_filed, 'outcome', outcome,
    'closed_at_us', ${us('closed_at')}, 'closed_on', closed_on, 'days_open', days_open, 'amount_applied_fen', amount_applied_fen,
    'amount_recovered_fen', amount_recovered_fen, 'reopened_at_us', ${us('reopened_at')},
    'revived_at_us', ${us('revived_at')}, 'revived_on', revived_on)`,
  listing_fact: `json_build_object('listing_id', listing_id, 'party_id', party_id, ${CODES}, 'listed_at_us', ${us('listed_at')}, 'listed_on', listed_on,
    'removed_at_us', ${us('removed_at')}, 'removed_on', removed_on)`,
  payment_fact: `json_build_object('performance_id', performance_id, 'amount_fen', amount_fen, 'paid_on', paid_on, 'recorded_at_us', ${us('recorded_at')},
    'reversed_at_us', ${us('reversed_at')})`,
  task_fact: `json_build_object('type', type, 'level', level, 'division_code', division_code, ${CODES}, 'created_on', created_on,
    'completed_at_us', ${us('completed_at')}, 'completed_on', completed_on, 'completion_status', completion_status,
    'overdue_at_us', ${us('overdue_at')}, 'overdue_on', overdue_on)`,
  meeting_fact: `json_build_object(${CODES}, 'held_on', held_on, 'invited', invited, 'attended', attended, 'paid_in_full', paid_in_full, 'instalment_plans', instalment_plans)`,
  proposal_fact: `json_build_object(${CODES}, 'submitted_on', submitted_on, 'decided_on', decided_on, 'relieved', relieved)`,
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
    case 'proposal':
      return `SELECT (SELECT ${ROW_JSON.proposal_fact} FROM metrics.proposal_fact WHERE proposal_id = ${param}::uuid) AS c`;
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
  const st = statementOf(w.entry);
  const params = paramsOf(st, w.entry, w.rows);
  const table = w.entry.table;
  if (w.key.kind === 'partner' || table === 'partner_change_fact') {
    await sqlExec(m, st.sql, params);
    return { key: w.key, before: new Contribution(), after: new Contribution() };
  }
  const key = w.key;
  const [r] = await queryPrepared<{ b: Before; a: unknown }>(
    m,
    `WITH b AS (${factRowsBefore(key, `$${params.length + 1}`)}), a AS (${st.sql} RETURNING ${ROW_JSON[table]} AS row)
     SELECT (SELECT row_to_json(b) FROM b) AS b, (SELECT row FROM a) AS a`,
    [...params, key.id],
  );
  const { b, a } = r!;
  switch (key.kind) {
    case 'case': {
      const listings: Listing[] = b.l ?? [];
      const group: CaseGroup = { case: b.c as CaseRow | null, listings, payments: b.p ?? [] };
      const after: CaseGroup = { ...group };
      if (a && table === 'case_fact') after.case = a as CaseRow;
      if (a && table === 'listing_fact')
        after.listings = [...listings.filter((l) => l.listing_id !== (a as Listing).listing_id), a as Listing];
      // A payment already recorded returns nothing (DO NOTHING): no change; a reversal returns the payment as it is now.
      if (a && table === 'payment_fact')
        after.payments = [
          ...group.payments.filter((p) => p.performance_id !== (a as PaymentRow).performance_id),
          a as PaymentRow,
        ];
      return {
        key,
        before: caseGroupContribution(group, s.oldCaseDays),
        after: caseGroupContribution(after, s.oldCaseDays),
      };
    }
    case 'task':
      return {
        key,
        before: taskContribution(b.c as TaskRow | null),
        after: taskContribution((a ?? b.c) as TaskRow | null),
      };
    case 'meeting':
      return {
        key,
        before: meetingContribution(b.c as MeetingRow | null),
        after: meetingContribution((a ?? b.c) as MeetingRow | null),
      };
    case 'proposal':
      return {
        key,
        before: proposalContribution(b.c as ProposalRow | null),
        after: proposalContribution((a ?? b.c) as ProposalRow | null),
      };
  }
}
