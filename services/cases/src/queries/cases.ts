import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { sqlRows } from '@zhiyuan/db';
import {
  addDays,
  courtDate,
  DomainError,
  errors,
  isDivisionCode,
  isUuid,
  isValidDate,
  pageArgs,
  toConnection,
  uuidSchema as uuid,
  type Connection,
  type PageArgs,
} from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { CASE_STATES } from '../domain/state-machine';
import { CAUSE_CATEGORIES } from '../domain/causes';
import { normalizeCaseNumber } from '../domain/case-number';
import { caseScopeSql, requireCaseAccess, requireCaseReader } from '../policy';
import { CaseEntity } from '../entities';
import type { Loaders } from './loaders';

const fenBound = z.number().int().nonnegative();

export const caseFilterSchema = z
  .object({
    divisionCode: z.string().refine(isDivisionCode, 'must be a 6, 9 or 12 digit division code').nullish(),
    states: z.array(z.enum(CASE_STATES)).nullish(),
    causeCode: z.string().nullish(),
    causeCategory: z.enum(CAUSE_CATEGORIES).nullish(),
    judgeId: uuid.nullish(),
    officerId: uuid.nullish(),
    /** Judge or officer: the Staff.cases relation. */
    staffId: uuid.nullish(),
    partyId: uuid.nullish(),
    partyRole: z.enum(['OBLIGOR', 'OBLIGEE', 'ANY']).nullish(),
    overdue: z.boolean().nullish(),
    open: z.boolean().nullish(),
    minOutstandingFen: fenBound.nullish(),
    maxOutstandingFen: fenBound.nullish(),
    // A century is more than any judgment's age; a larger count would leave the calendar.
    minAgeDays: z.number().int().nonnegative().max(36_500, 'at most 36500 days').nullish(),
    maxAgeDays: z.number().int().nonnegative().max(36_500, 'at most 36500 days').nullish(),
  })
  .nullish();

export type CaseFilter = NonNullable<z.infer<typeof caseFilterSchema>>;

/** Scope and filters as a query over alias `c`; the list queries add order, cursor and limit. */
function caseQuery(ds: DataSource, identity: Identity, filter: CaseFilter, now: Date): SelectQueryBuilder<CaseEntity> {
  const qb = ds.getRepository(CaseEntity).createQueryBuilder('c');
  const scope = caseScopeSql(identity);
  qb.where(scope ? scope.sql : 'TRUE', scope?.params ?? {});
  const today = courtDate(now);
  const d = filter.divisionCode;
  if (d?.length === 12) qb.andWhere('c.village_code = :div', { div: d });
  else if (d?.length === 9) qb.andWhere('c.township_code = :div', { div: d });
  else if (d) qb.andWhere('(c.township_code IS NULL OR c.township_code LIKE :divPrefix)', { divPrefix: `${d}%` });
  if (filter.states?.length) qb.andWhere('c.state IN (:...states)', { states: filter.states });
  if (filter.causeCode) qb.andWhere('c.cause_code = :cause', { cause: filter.causeCode });
  if (filter.causeCategory) qb.andWhere('c.cause_category = :cat', { cat: filter.causeCategory });
  if (filter.judgeId) qb.andWhere('c.judge_id = :judge', { judge: filter.judgeId });
  if (filter.officerId) qb.andWhere('c.officer_id = :officer', { officer: filter.officerId });
  if (filter.staffId) qb.andWhere('(c.judge_id = :staff OR c.officer_id = :staff)', { staff: filter.staffId });
  if (filter.partyId) {
    const role = filter.partyRole ?? 'ANY';
    const asObligor = 'c.obligor_ids @> CAST(ARRAY[:party] AS uuid[])';
    const asObligee = 'c.obligee_ids @> CAST(ARRAY[:party] AS uuid[])';
    qb.andWhere(role === 'OBLIGOR' ? asObligor : role === 'OBLIGEE' ? asObligee : `(${asObligor} OR ${asObligee})`, {
      party: filter.partyId,
    });
  }
  const overdueSql = `(c.closed_at IS NULL AND c.paid_fen < c.amount_owed_fen AND (c.performance_deadline < :today OR (c.state = 'URGING' AND c.urging_deadline < :today)))`;
  if (filter.overdue === true) qb.andWhere(overdueSql, { today });
  if (filter.overdue === false) qb.andWhere(`NOT ${overdueSql}`, { today });
  if (filter.open === true) qb.andWhere('c.closed_at IS NULL');
  if (filter.open === false) qb.andWhere('c.closed_at IS NOT NULL');
  if (filter.minOutstandingFen != null)
    qb.andWhere('(c.amount_owed_fen - c.paid_fen) >= :minOut', { minOut: filter.minOutstandingFen });
  if (filter.maxOutstandingFen != null)
    qb.andWhere('(c.amount_owed_fen - c.paid_fen) <= :maxOut', { maxOut: filter.maxOutstandingFen });
  // Age in days since the effective date: older than minAgeDays means effective on or before today - min.
  if (filter.minAgeDays != null)
    qb.andWhere('c.effective_date <= :ageMin', { ageMin: addDays(today, -filter.minAgeDays) });
  if (filter.maxAgeDays != null)
    qb.andWhere('c.effective_date >= :ageMax', { ageMax: addDays(today, -filter.maxAgeDays) });
  return qb;
}

function applyCursor(qb: SelectQueryBuilder<CaseEntity>, after: unknown[] | null): void {
  if (!after) return;
  const [date, id] = after as [unknown, unknown];
  // Checked to the value: a cursor PostgreSQL cannot cast (2024-02-30, a short uuid) fails the request as bad input, not as a server error.
  if (after.length !== 2 || typeof date !== 'string' || !isValidDate(date) || !isUuid(id)) {
    throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
  }
  qb.andWhere('(c.effective_date, c.id) < (CAST(:afterDate AS date), CAST(:afterId AS uuid))', {
    afterDate: date,
    afterId: id,
  });
}

const cursorOf = (c: CaseEntity) => [c.effectiveDate, c.id];

/**
 * One page of cases the caller may see, newest judgment first: one statement for the page and one
 * for the total, whatever the page size (nested fields go through the DataLoaders).
 */
export async function listCases(
  ds: DataSource,
  identity: Identity,
  rawFilter: unknown,
  page: PageArgs,
  now: Date = new Date(),
): Promise<CaseConnection> {
  const filter: CaseFilter = parseInput(caseFilterSchema, rawFilter) ?? {};
  const { limit, after } = pageArgs(page);
  const qb = caseQuery(ds, identity, filter, now);
  const totalCount = await qb.clone().getCount();
  applyCursor(qb, after);
  const rows = await qb
    .orderBy('c.effective_date', 'DESC')
    .addOrderBy('c.id', 'DESC')
    .limit(limit + 1)
    .getMany();
  return { ...toConnection(rows, limit, cursorOf), totalCount };
}

export type CaseConnection = Connection<CaseEntity> & { totalCount: number };

/** The cases of one party, division or staff member, as asked for through a federation field. */
export interface CaseRelationRequest {
  relation: 'party' | 'division' | 'staff';
  key: string;
  role?: 'OBLIGOR' | 'OBLIGEE' | 'ANY' | null;
  filter?: unknown;
  first?: number | null;
  after?: string | null;
}

interface RelationTotalRow {
  key: string;
  n: string;
}

interface RelationPageRow {
  key: string;
  id: string;
}

function relationSql(r: CaseRelationRequest): string {
  const key = 'CAST(k.key AS uuid)';
  if (r.relation === 'staff') return `(c.judge_id = ${key} OR c.officer_id = ${key})`;
  if (r.relation === 'party') {
    const asObligor = `c.obligor_ids @> ARRAY[${key}]`;
    const asObligee = `c.obligee_ids @> ARRAY[${key}]`;
    return r.role === 'OBLIGOR' ? asObligor : r.role === 'OBLIGEE' ? asObligee : `(${asObligor} OR ${asObligee})`;
  }
  if (r.key.length === 12) return 'c.village_code = k.key';
  if (r.key.length === 9) return 'c.township_code = k.key';
  return `(c.township_code IS NULL OR c.township_code LIKE k.key || '%')`;
}

/**
 * The cases of many parties, divisions or staff members at once (the gateway asks for `Party.cases` of
 * every party in a list in one `_entities` call): requests with the same arguments share one statement
 * for their pages (a LATERAL join over the keys), one for their totals, and all share one for the cases.
 */
export async function listCasesOfMany(
  ds: DataSource,
  identity: Identity,
  requests: readonly CaseRelationRequest[],
  loadCases: (ids: string[]) => Promise<CaseEntity[]>,
  now: Date = new Date(),
): Promise<(CaseConnection | Error)[]> {
  const results: (CaseConnection | Error)[] = new Array(requests.length);
  const groups = new Map<string, number[]>();
  requests.forEach((r, i) => {
    const valid = r.relation === 'division' ? isDivisionCode(r.key) : isUuid(r.key);
    if (!valid) {
      results[i] = errors.validation(r.relation === 'division' ? 'code' : 'id', `${r.key} is not a valid key`);
      return;
    }
    const shape = JSON.stringify([
      r.relation,
      r.role ?? null,
      r.relation === 'division' ? r.key.length : 0,
      r.filter ?? null,
      r.first ?? null,
      r.after ?? null,
    ]);
    groups.set(shape, [...(groups.get(shape) ?? []), i]);
  });
  const pages: { members: number[]; limit: number; ids: Map<string, string[]>; totals: Map<string, number> }[] = [];
  for (const members of groups.values()) {
    const first = requests[members[0]!]!;
    try {
      const { divisionCode: _ignored, ...filter } = (parseInput(caseFilterSchema, first.filter) ?? {}) as CaseFilter;
      const { limit, after } = pageArgs({ first: first.first, after: first.after });
      const qb = caseQuery(ds, identity, filter, now).andWhere(relationSql(first));
      const keys = [...new Set(members.map((i) => requests[i]!.key))];
      const [countSql, countParams] = qb.clone().select('COUNT(*)', 'n').getQueryAndParameters();
      applyCursor(qb, after);
      const [pageSql, pageParams] = qb
        .select('c.id', 'id')
        .orderBy('c.effective_date', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .limit(limit + 1)
        .getQueryAndParameters();
      const totals = await sqlRows<RelationTotalRow>(
        ds,
        `SELECT k.key, (${countSql}) AS n FROM unnest($${countParams.length + 1}::text[]) AS k(key)`,
        [...countParams, keys],
      );
      const rows = await sqlRows<RelationPageRow>(
        ds,
        `SELECT k.key, p.id FROM unnest($${pageParams.length + 1}::text[]) WITH ORDINALITY AS k(key, ord) CROSS JOIN LATERAL (${pageSql}) p`,
        [...pageParams, keys],
      );
      const ids = new Map<string, string[]>();
      for (const r of rows) ids.set(r.key, [...(ids.get(r.key) ?? []), r.id]);
      pages.push({ members, limit, ids, totals: new Map(totals.map((t) => [t.key, Number(t.n)])) });
    } catch (err) {
      for (const i of members) results[i] = err as Error;
    }
  }
  const wanted = [...new Set(pages.flatMap((p) => [...p.ids.values()].flat()))];
  const byId = new Map((wanted.length ? await loadCases(wanted) : []).map((c) => [c.id, c]));
  for (const p of pages) {
    for (const i of p.members) {
      const key = requests[i]!.key;
      const rows = (p.ids.get(key) ?? []).map((id) => byId.get(id)).filter((c): c is CaseEntity => !!c);
      results[i] = { ...toConnection(rows, p.limit, cursorOf), totalCount: p.totals.get(key) ?? 0 };
    }
  }
  return results;
}

/** `case(id)`: a case the caller may see, null when there is none. */
export async function findCase(loaders: Loaders, identity: Identity, id: string): Promise<CaseEntity | null> {
  requireCaseReader(identity);
  if (!isUuid(id)) throw new DomainError('VALIDATION_FAILED', 'id must be a UUID', { field: 'id' });
  const c = await loaders.case.load(id);
  if (c) requireCaseAccess(identity, c);
  return c;
}

/** `caseByNumber`: by its judgment or its enforcement number, either spelling of the parentheses. */
export async function findCaseByNumber(
  ds: DataSource,
  identity: Identity,
  caseNumber: string,
): Promise<CaseEntity | null> {
  requireCaseReader(identity);
  const n = normalizeCaseNumber(caseNumber);
  const c = await ds.getRepository(CaseEntity).findOne({ where: [{ caseNumber: n }, { enforcementNumber: n }] });
  if (c) requireCaseAccess(identity, c);
  return c;
}

/** A `Case` reference from another subgraph, refused when outside the caller's scope. */
export async function resolveCaseReference(
  loaders: Loaders,
  identity: Identity,
  id: string,
): Promise<CaseEntity | null> {
  const c = await loaders.case.load(id);
  if (c) requireCaseAccess(identity, c);
  return c;
}
