import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { errors, pageArgs, parseInput, toConnection, type Connection, type PageArgs } from '@zhiyuan/server';
import { CASE_STATES } from '../domain/state-machine';
import { CAUSE_CATEGORIES } from '../domain/causes';
import { courtDate, addDays } from '../domain/dates';
import { caseScopeSql } from '../domain/access';
import { CaseEntity } from '../entities';

const uuid = z.uuid('must be a UUID');
const fenBound = z.number().int().nonnegative();

export const caseFilterSchema = z
  .object({
    divisionCode: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'must be a 6, 9 or 12 digit division code').nullish(),
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
    minAgeDays: z.number().int().nonnegative().nullish(),
    maxAgeDays: z.number().int().nonnegative().nullish(),
  })
  .nullish();

export type CaseFilter = NonNullable<z.infer<typeof caseFilterSchema>>;

/**
 * One page of cases the caller may see, newest judgment first: one statement for the page and one
 * for the total, whatever the page size (nested fields go through the DataLoaders).
 */
export async function listCases(ds: DataSource, identity: Identity, rawFilter: unknown, page: PageArgs, now: Date = new Date()): Promise<Connection<CaseEntity> & { totalCount: number }> {
  const filter: CaseFilter = parseInput(caseFilterSchema, rawFilter) ?? {};
  const { limit, after } = pageArgs(page);
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
    qb.andWhere(role === 'OBLIGOR' ? asObligor : role === 'OBLIGEE' ? asObligee : `(${asObligor} OR ${asObligee})`, { party: filter.partyId });
  }
  const overdueSql = `(c.closed_at IS NULL AND c.paid_fen < c.amount_owed_fen AND (c.performance_deadline < :today OR (c.state = 'URGING' AND c.urging_deadline < :today)))`;
  if (filter.overdue === true) qb.andWhere(overdueSql, { today });
  if (filter.overdue === false) qb.andWhere(`NOT ${overdueSql}`, { today });
  if (filter.open === true) qb.andWhere('c.closed_at IS NULL');
  if (filter.open === false) qb.andWhere('c.closed_at IS NOT NULL');
  if (filter.minOutstandingFen != null) qb.andWhere('(c.amount_owed_fen - c.paid_fen) >= :minOut', { minOut: filter.minOutstandingFen });
  if (filter.maxOutstandingFen != null) qb.andWhere('(c.amount_owed_fen - c.paid_fen) <= :maxOut', { maxOut: filter.maxOutstandingFen });
  // Age in days since the effective date: older than minAgeDays means effective on or before today - min.
  if (filter.minAgeDays != null) qb.andWhere('c.effective_date <= :ageMin', { ageMin: addDays(today, -filter.minAgeDays) });
  if (filter.maxAgeDays != null) qb.andWhere('c.effective_date >= :ageMax', { ageMax: addDays(today, -filter.maxAgeDays) });

  const totalCount = await qb.clone().getCount();
  if (after) {
    const [date, id] = after as [string, string];
    if (typeof date !== 'string' || typeof id !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !uuid.safeParse(id).success) throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
    qb.andWhere('(c.effective_date, c.id) < (CAST(:afterDate AS date), CAST(:afterId AS uuid))', { afterDate: date, afterId: id });
  }
  const rows = await qb.orderBy('c.effective_date', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
  return { ...toConnection(rows, limit, (c) => [c.effectiveDate, c.id]), totalCount };
}
